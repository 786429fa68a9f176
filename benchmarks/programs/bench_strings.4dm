// String functions (Position, Substring, Replace string) in a loop.
#DECLARE() -> $total : Integer
var $t : Text:="The quick brown fox jumps over the lazy dog"
var $i : Integer
var $s : Text
For ($i; 1; 30000)
	$total:=$total+Position("fox"; $t)
	$s:=Substring($t; 5; 11)
	$s:=Replace string($s; "quick"; "slow")
	$total:=$total+Length($s)
End for
