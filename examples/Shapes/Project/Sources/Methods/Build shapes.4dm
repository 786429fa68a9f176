// Run in a process of its own by Main: builds shapes, which the shared registry counts.
#DECLARE($count : Integer)

var $i : Integer
For ($i; 1; $count)
	If ($i%2=0)
		cs.Square.new($i)
	Else
		cs.Circle.new($i)
	End if
End for
