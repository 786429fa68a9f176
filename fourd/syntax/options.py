"""Lexer options, apart from the lexer: the runtime needs them even when every tree comes from the cache."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LexOptions:
    """Names the lexer must know beyond the built-in tables (a project's methods and tables)."""

    extra_names: dict[str, int] = field(default_factory=dict)  # from names.build_prefix_table
    tables: frozenset[str] = frozenset()  # lower-case table names
    elisions: bool = False  # Markdown: a line of `...` stands for left-out code
