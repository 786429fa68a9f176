// A rectangle (super.md, example 1), second level of the hierarchy.
Class extends Shape

property width; height : Real

Class constructor($width : Real; $height : Real)
	Super("Rectangle")
	If ($width<0) || ($height<0)
		throw({componentSignature: "SHPE"; errCode: 10; message: "Negative size {width}x{height}"; width: $width; height: $height})
	End if
	This.width:=$width
	This.height:=$height

Function get area() : Real
	return This.width*This.height

Function get perimeter() : Real
	return 2*(This.width+This.height)

Function resize($factor : Real)
	This.width:=This.width*$factor
	This.height:=This.height*$factor

Function nbSides() : Text
	return "I have 4 sides"

Function describe() : Text
	return Super.describe()+", "+String(This.width)+"x"+String(This.height)
