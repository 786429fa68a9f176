#DECLARE() -> $r : Integer
$r:=fib(25)
