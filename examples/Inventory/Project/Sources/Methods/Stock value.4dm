//%attributes = {"preemptive":"capable"}
// Stock value($stock) -> the sum of quantity × price over the lines
#DECLARE($stock : Collection) -> $total : Real

var $line : Object
For each ($line; $stock)
	$total:=$total+($line.quantity*$line.price)
End for each
