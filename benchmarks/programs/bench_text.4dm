// Building a 200,000-character Text with +=.
#DECLARE() -> $n : Integer
var $t : Text
var $i : Integer
For ($i; 1; 200000)
	$t+="x"
End for
$n:=Length($t)
