// Classic loop and Case of: fourd run examples/fizzbuzz.4dm 15
#DECLARE($limit : Text) -> $line : Text

var $i : Integer
var $words : Collection:=[]
For ($i; 1; Num($limit))
	Case of
		: ($i%15=0)
			$words.push("FizzBuzz")
		: ($i%3=0)
			$words.push("Fizz")
		: ($i%5=0)
			$words.push("Buzz")
	Else
			$words.push(String($i))
	End case
End for
$line:=$words.join(" ")
