// An inventory line as a class: cs.Item.new("Bolt"; 10; 0.5)
property name : Text
property quantity : Integer
property price : Real

Class constructor($name : Text; $quantity : Integer; $price : Real)
	This.name:=$name
	This.quantity:=$quantity
	This.price:=$price

Function get value() -> $value : Real
	$value:=This.quantity*This.price

Function restock($count : Integer)
	ASSERT($count>0; "restock needs a positive count")
	This.quantity+=$count
