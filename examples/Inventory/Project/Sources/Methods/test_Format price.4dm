// #tags: format
#DECLARE($t : Object)

$t.log("currency set by On Startup: "+Storage.currency)
$t.assertEqual(Format price(12.5); "12.50 EUR")
$t.assertEqual(Format price(0.05); "0.05 EUR")
$t.assertEqual(Format price(3); "3.00 EUR")
