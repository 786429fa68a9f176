// A circle: another branch under Shape.
Class extends Shape

property radius : Real

Class constructor($radius : Real)
	Super("Circle")
	If ($radius<0)
		throw({componentSignature: "SHPE"; errCode: 11; message: "Negative radius {radius}"; radius: $radius})
	End if
	This.radius:=$radius

Function get area() : Real
	return Pi*This.radius*This.radius

Function get perimeter() : Real
	return 2*Pi*This.radius

Function resize($factor : Real)
	This.radius:=This.radius*$factor
