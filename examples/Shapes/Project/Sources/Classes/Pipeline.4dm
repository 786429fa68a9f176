// Runs code given as formulas: a list of named steps, each a Formula object
// (or the name of a project method) called with This bound to the shape.
property steps : Collection

Class constructor()
	This.steps:=[]

Function add($name : Text; $step : Variant) : cs.Pipeline
	If (Value type($step)=Is text)
		$step:=Formula from string($step)
	End if
	This.steps.push({name: $name; run: $step})
	return This

// Each step as "name=result", in order: step.run.call(shape) binds This to the shape.
Function run($shape : cs.Shape) : Collection
	return This.steps.map(Formula($1.value.name+"="+String($1.value.run.call($2))); $shape)

// The same with .apply(): the parameters come in a collection.
Function runWith($shape : cs.Shape; $params : Collection) : Collection
	var $results:=[]
	var $step : Object
	For each ($step; This.steps)
		$results.push($step.run.apply($shape; $params))
	End for each
	return $results

// Collection callbacks: a formula, and a project method given by name.
Function totalArea($shapes : Collection) : Real
	return $shapes.reduce(Formula($1.accumulator+$1.value.area); 0)

Function largerThan($shapes : Collection; $minimum : Real) : Collection
	return $shapes.filter("Is larger than"; $minimum)

Function byArea($shapes : Collection) : Collection
	return $shapes.sort(Formula($1.value.area<$1.value2.area))
