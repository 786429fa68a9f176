"""Tools around the interpreter: Markdown code blocks, checking, doctest, REPL, highlighting."""
