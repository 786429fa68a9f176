// A class with a method called 200,000 times.
#DECLARE() -> $n : Integer
var $counter : cs.Counter:=cs.Counter.new()
var $i : Integer
For ($i; 1; 200000)
	$counter.add(1)
End for
$n:=$counter.count
