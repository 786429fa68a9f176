// 100,000 object property writes and reads.
#DECLARE() -> $sum : Real
var $o : Object:={}
var $i : Integer
For ($i; 1; 100000)
	$o.value:=$i
	$sum:=$sum+$o.value
End for
