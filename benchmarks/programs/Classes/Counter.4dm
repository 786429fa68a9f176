property count : Integer

Class constructor()
	This.count:=0

Function add($n : Integer) -> $self : cs.Counter
	This.count:=This.count+$n
	$self:=This
