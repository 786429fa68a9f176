"""Source text to AST: name tables, the lexer, the grammar, the LALR driver, the tree builder, the parse cache.

Lark only builds the parse table from ``fourd/grammar/fourd.lark`` (once,
then cached); nothing outside this package sees a Lark object, and the rest of
fourd works on the dataclasses of :mod:`fourd.syntax.ast`.
"""
