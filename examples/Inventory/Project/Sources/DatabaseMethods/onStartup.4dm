// On Startup: runs first when the project opens (not with --skip-onstartup)
Use (Storage)
	Storage.currency:="EUR"
End use
LOG EVENT(Into system standard outputs; "Inventory opened")
