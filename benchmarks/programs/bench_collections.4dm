// Collection push, sort, map, filter, reduce on 100,000 elements.
#DECLARE() -> $sum : Real
var $c : Collection:=[]
var $i : Integer
For ($i; 1; 100000)
	$c.push(($i*7919)%100003)
End for
$c:=$c.sort()
$c:=$c.map(Formula($1.value*2))
$c:=$c.filter(Formula($1.value%3=0))
$sum:=$c.reduce(Formula($1.accumulator+$1.value); 0)
