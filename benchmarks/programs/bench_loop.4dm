// A 1,000,000-iteration For loop with Integer arithmetic.
#DECLARE() -> $sum : Integer
var $i : Integer
For ($i; 1; 1000000)
	$sum:=$sum+($i%7)
End for
