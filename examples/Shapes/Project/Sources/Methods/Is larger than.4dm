// A collection callback given by name (Pipeline.largerThan): $1 is the event object.
#DECLARE($event : Object; $minimum : Real)

$event.result:=$event.value.area>$minimum
