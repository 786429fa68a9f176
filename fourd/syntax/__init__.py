"""Source text to AST: name tables, the lexer, the Lark grammar and the tree builder.

Nothing outside this package sees a Lark object; the rest of fourd works on
the dataclasses of :mod:`fourd.syntax.ast`.
"""
