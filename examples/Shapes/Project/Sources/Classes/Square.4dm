// A square is a rectangle with equal sides (super.md, example 2): third level.
Class extends Rectangle

Class constructor($side : Real)
	Super($side; $side)
	This.name:="Square"

// A read-write computed property: setting the side sets both dimensions.
Function get side() : Real
	return This.width

Function set side($side : Real)
	This.width:=$side
	This.height:=$side

// Super.describe() runs Rectangle's, which runs Shape's: a chain of three classes.
Function describe() : Text
	return Super.describe()+", side "+String(This.side)

Function nbSides() : Text
	return Super.nbSides()+" which are all equal"
