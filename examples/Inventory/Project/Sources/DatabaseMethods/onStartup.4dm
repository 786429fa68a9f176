// On Startup: runs first when the project opens (not with --skip-onstartup)
<>currency:="EUR"
LOG EVENT(Into system standard outputs; "Inventory opened")
