// One registry for the whole application (a shared singleton): every process
// sees the same counts. Its shared functions run inside Use(This).
property created : Object:={}
property total : Integer

shared singleton Class constructor()
	This.total:=0

shared Function register($kind : Text)
	This.created[$kind]:=Num(This.created[$kind])+1
	This.total+=1

Function count($kind : Text) : Integer
	return Num(This.created[$kind])

Function get kinds() : Collection
	return OB Keys(This.created).sort()
