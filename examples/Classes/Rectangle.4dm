// A rectangle (super.md, example 1)
property name : Text
property height; width : Integer

Class constructor($width : Integer; $height : Integer)
	This.name:="Rectangle"
	This.height:=$height
	This.width:=$width

Function getArea() : Integer
	return This.height*This.width

Function nbSides() : Text
	return "I have 4 sides"

Function get label() : Text
	return This.name+" "+String(This.width)+"x"+String(This.height)
