// On Exit: runs last, in a process of its own (not with --skip-onstartup)
LOG EVENT(Into system standard outputs; "Inventory closed")
