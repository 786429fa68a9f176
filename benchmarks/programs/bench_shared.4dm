// Use … End use on a shared object 100,000 times.
#DECLARE() -> $n : Real
var $s : Object:=New shared object("count"; 0)
var $i : Integer
For ($i; 1; 100000)
	Use ($s)
		$s.count:=$s.count+1
	End use
End for
$n:=$s.count
