// The root of the shape classes: Shape <- Rectangle <- Square, and Shape <- Circle.
// Every shape registers itself with the ShapeRegistry shared singleton.
property name : Text

Class constructor($name : Text)
	This.name:=$name
	cs.ShapeRegistry.me.register(OB Class(This).name)

// Computed properties (read-only here): the subclasses override them.
Function get area() : Real
	return 0

Function get perimeter() : Real
	return 0

// A computed property built on the overridden ones: works for every subclass.
Function get label() : Text
	return This.name+" ("+String(Round(This.area; 2))+")"

Function describe() : Text
	return This.name+": area "+String(Round(This.area; 2))+", perimeter "+String(Round(This.perimeter; 2))

// Scales the shape; a bad factor is a 4D error thrown to the caller.
Function scale($factor : Real) : cs.Shape
	If ($factor<=0)
		throw({componentSignature: "SHPE"; errCode: 1; message: "Cannot scale {shape} by {factor}"; shape: This.name; factor: $factor})
	End if
	This.resize($factor)
	return This

// What scale() needs from a subclass: the base class has nothing to resize.
Function resize($factor : Real)
	throw({componentSignature: "SHPE"; errCode: 2; message: "A plain shape cannot be resized"})
