// For each over a 100,000-element collection of objects.
#DECLARE() -> $sum : Real
var $c : Collection:=[]
var $i : Integer
For ($i; 1; 100000)
	$c.push({id: $i; price: $i%100})
End for
var $item : Object
For each ($item; $c)
	$sum:=$sum+$item.price
End for each
