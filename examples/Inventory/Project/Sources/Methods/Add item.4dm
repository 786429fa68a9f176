//%attributes = {"shared":true,"preemptive":"capable"}
// Add item($stock; $name; $quantity; $price): append a line to a stock collection
#DECLARE($stock : Collection; $name : Text; $quantity : Integer; $price : Real)

ASSERT($quantity>=0; "Add item: the quantity of "+$name+" is negative")
$stock.push({name: $name; quantity: $quantity; price: $price})
