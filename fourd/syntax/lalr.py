"""A small LALR(1) driver over the tables Lark builds from ``fourd.lark``.

The grammar stays the single source of truth: Lark computes the parse table
once (then it is cached on disk), and this module runs it.  Lark's own loop is
general (interactive parsing, trees, callbacks keyed by rule objects); fourd
needs none of that, and a loop written for the job is several times faster:

- tables are plain lists and dicts keyed by symbol name, one action code per
  entry (see :class:`Tables`);
- a run of unit rules that only pass their child up (``?expr: logic``,
  ``_statement: if_stmt``) is one step that changes the state and leaves the
  value where it is;
- a token that makes a value alone (a local, a number) is shifted and reduced
  in one step;
- the values of ``_inlined`` rules (and Lark's ``__x_star_N`` repetition rules)
  are spliced into their parent, the left-recursive list reused in place so long
  repetitions stay linear, as Lark does.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from operator import length_hint
from pathlib import Path
from typing import Any

_FORMAT = 5  # bump when the pickled tables change shape

# What a rule does when it is reduced.
IDENTITY = 0  # one child, passed up unchanged
INLINE = 1  # an `_inlined` rule: its children are spliced into the parent
BUILD = 2  # the builder function named after the rule (or its alias) makes the value
EXPAND1 = 3  # a `?rule` alternative: one child passes up, several build the rule


@dataclass
class Tables:
    """The LALR automaton.

    ``states[s][symbol]`` is a state to go to (>= 0) or ``~r`` (< 0): reduce rule
    ``r`` when ``r < len(rules)``, else follow chain ``r - len(rules)``.  A chain
    stands for a run of unit reductions on one lookahead: they only ever replace
    the top state, so where they end depends on the state below alone, and
    ``chains[c]`` maps that state to the final one (one dict lookup instead of
    up to seven trips round the loop for each operand of an expression).

    A shift code ``>= len(states)`` shifts a token and at once reduces rule
    ``code - len(states)``, which makes a value of that token alone
    (``primary: LOCAL -> local``): the state it would shift to reduces that
    rule whatever comes next, so the next token need not be seen first.
    """

    states: list[dict[str, int]]
    rules: list[tuple[int, str, int, str, int]]  # (size, origin, kind, callback name, splice mode)
    chains: list[dict[int, int]]
    start: int
    end: int


class ParseError(Exception):
    """No action for ``token``, the ``index``-th (None at the end of input); ``expected`` holds the
    terminals that would fit."""

    def __init__(self, token: tuple | None, expected: set[str], index: int | None = None):
        super().__init__(token, expected)
        self.token = token
        self.expected = expected
        self.index = index


class _Inline(list):
    """The children of an `_inlined` rule, waiting to be spliced into the parent's."""

    __slots__ = ()


# Splice modes: how a rule's children are flattened before use.
NO_SPLICE = 0
SPLICE_FIRST = 1  # only the first child may be an _Inline (left-recursive repetitions)
SPLICE_ANY = 2


def tables_from_lark(parser: Any, chains: bool = True) -> Tables:
    """Read Lark's LALR table (``Lark(..., parser="lalr")``) into :class:`Tables`.

    ``chains=False`` keeps every unit reduction a step of its own (the tests
    compare both: chains are an optimisation and must never change a tree).
    """
    table = parser.parser.parser.parser.parse_table
    rules = list(parser.rules)
    index = {id(rule): i for i, rule in enumerate(rules)}
    states: list[dict[str, int]] = [{} for _ in range(max(table.states) + 1)]
    # One str object per symbol name, shared by every row and rule (the pickle keeps the
    # sharing), so the goto lookups of the driver end at an identity test.
    names: dict[str, str] = {}
    for state, actions in table.states.items():
        row = states[state]
        for symbol, (action, arg) in actions.items():
            name = names.setdefault(str(symbol), str(symbol))
            row[name] = arg if action.name == "Shift" else ~index[id(arg)]
    inlined = _may_be_inline(rules)
    out_rules = []
    for rule in rules:
        origin = str(rule.origin.name)  # Lark's names are Tokens: plain str keys hash and compare in C
        origin = names.setdefault(origin, origin)
        size = len(rule.expansion)
        for s in rule.expansion:
            if s.is_term and s.name.startswith("_"):
                raise ValueError(f"filtered terminal {s.name} is not supported by the driver")
        spliced = [i for i, s in enumerate(rule.expansion) if not s.is_term and str(s.name) in inlined]
        splice = NO_SPLICE if not spliced else SPLICE_FIRST if spliced == [0] else SPLICE_ANY
        if origin.startswith("_"):
            kind = IDENTITY if size == 1 else INLINE
        elif rule.options.expand1 and not rule.alias:
            kind = IDENTITY if size == 1 else EXPAND1
        else:
            kind = BUILD
        out_rules.append((size, origin, kind, str(rule.alias or origin), splice))
    if chains:
        _fuse_token_rules(states, out_rules)
    return Tables(
        states,
        out_rules,
        _chains(states, out_rules) if chains else [],
        table.start_states["start"],
        table.end_states["start"],
    )


def _may_be_inline(rules: list) -> set[str]:
    """The `_inlined` nonterminals whose value may be an _Inline list (not a single passed-up child)."""
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        for rule in rules:
            origin = str(rule.origin.name)
            if not origin.startswith("_") or origin in found:
                continue
            exp = rule.expansion
            if len(exp) != 1 or (not exp[0].is_term and str(exp[0].name) in found):
                found.add(origin)
                changed = True
    return found


def _fuse_token_rules(states: list[dict[str, int]], rules: list[tuple[int, str, int, str, int]]) -> None:
    """Turn "shift a token, then reduce the rule it ends" into one action (see :class:`Tables`).

    That is the case when the state the token leads to reduces one rule whatever comes next:
    a token alone (``primary: LOCAL``, built by the builder's function) or the last token of a
    longer rule (the `)` of a call, the line end of a statement).
    """
    nstates = len(states)
    reduces_always: dict[int, int] = {}  # state -> the rule it always reduces
    for state, row in enumerate(states):
        actions = {a for symbol, a in row.items() if symbol.isupper()}
        if len(actions) == 1:
            (action,) = actions
            if action < 0 and (rules[~action][0] > 1 or (rules[~action][2] == BUILD and not rules[~action][4])):
                reduces_always[state] = ~action
    for row in states:
        for symbol, action in list(row.items()):
            if symbol.isupper() and symbol != "$END" and action >= 0 and action in reduces_always:
                row[symbol] = nstates + reduces_always[action]


def _chains(states: list[dict[str, int]], rules: list[tuple[int, str, int, str, int]]) -> list[dict[int, int]]:
    """Replace each unit reduction on a lookahead by a chain (see :class:`Tables`)."""
    nrules = len(rules)
    chains: list[dict[int, int]] = []
    original = [dict(row) for row in states]
    for row in states:
        for symbol, action in list(row.items()):
            if action >= 0 or not symbol.isupper() or rules[~action][2] != IDENTITY:
                continue
            origin = rules[~action][1]
            ends: dict[int, int] = {}
            for below, below_row in enumerate(original):
                top = below_row.get(origin)
                while top is not None:
                    nxt = original[top].get(symbol)
                    if nxt is None or nxt >= 0 or rules[~nxt][2] != IDENTITY:
                        ends[below] = top
                        break
                    top = below_row.get(rules[~nxt][1])
            row[symbol] = ~(nrules + len(chains))
            chains.append(ends)
    return chains


class Driver:
    """The tables bound to the builder whose functions make each rule's value.

    The action codes of the tables are used as they are, but looked up in lists
    made for the loop: ``ops[code]`` for a code < 0 is the rule or the chain (a
    dict) that ``~code`` names, so no index is computed per action, and
    ``token_ops[code]`` for a shift-and-reduce code is the same for the rule the
    token ends.  A rule is ``(span, nonterminal, fn)``: ``fn(children)`` makes its
    value (the builder's function, or :func:`_finisher`'s for the rules whose
    children need splicing, `_inlined`, `?rule` and unit rules), and ``span`` is minus
    twice the number of children, where they start on the driver's stack.
    """

    def __init__(self, tables: Tables, builder: Any):
        self.tables = tables
        self.rules = []
        for size, origin, kind, name, splice in tables.rules:
            fn = _callback(builder, kind, name)
            if kind != BUILD or splice:
                fn = _finisher(fn, splice, kind)
            self.rules.append((-2 * size, origin, fn))
        nstates = len(tables.states)
        self.ops: list[Any] = (self.rules + self._chains_with_next_action())[::-1]  # ops[~i]: rule or chain i
        self.token_ops: list[Any] = [None] * nstates + [
            (_token_callback(builder, name, fn), origin, 0) if size == 1 else (fn, origin, span + 2)
            for (span, origin, fn), (size, _, _, name, _) in zip(self.rules, tables.rules, strict=True)
        ]

    def _chains_with_next_action(self) -> list[dict[int, tuple[int, int]]]:
        """Each chain as ``{state below: (final state, its action on the chain's lookahead)}``.

        The loop then goes on with that action without looking it up; a missing one is
        ``_MISSING``, a code past the end of ``ops``, whose lookup fails like a missing entry.
        """
        states = self.tables.states
        nrules = len(self.rules)
        missing = ~(nrules + len(self.tables.chains))
        chains: list[dict[int, tuple[int, int]]] = [{} for _ in self.tables.chains]
        for row in states:
            for symbol, action in row.items():
                if action < 0 and ~action >= nrules:
                    ends = self.tables.chains[~action - nrules]
                    chains[~action - nrules] = {b: (t, states[t].get(symbol, missing)) for b, t in ends.items()}
        return chains

    def parse(self, tokens: list[tuple]) -> Any:
        """Parse ``tokens`` and return the value of the start rule; raises :class:`ParseError`."""
        t = self.tables
        return _run(tokens, t.states, self.ops, self.token_ops, -len(self.rules), t.start, t.end)


def _callback(builder: Any, kind: int, name: str) -> Callable | None:
    if kind == BUILD:
        return getattr(builder, name)  # a rule the builder does not know is a bug: fail at load
    if kind == EXPAND1:
        return getattr(builder, name, None)
    return None


def _token_callback(builder: Any, name: str, fn: Callable | None) -> Callable | None:
    """What makes the value of a one-token rule from the token: the builder's
    ``<rule>_token(token)`` when it has one (no list to make), else the rule's function."""
    if fn is None:
        return None
    direct = getattr(builder, name + "_token", None)
    return direct if direct is not None else lambda token: fn([token])


def _finisher(fn: Callable | None, splice: int, rkind: int) -> Callable:
    """What makes the value of a rule from its children when the builder's function alone does not.

    The left-recursive repetitions (``__start_star_0: __start_star_0 _statement NL``), one
    step per statement, argument or item, and their parents get a function of their own.
    """
    if splice == SPLICE_FIRST and rkind in (INLINE, BUILD):
        build = fn if rkind == BUILD else None

        def extend(children: list) -> Any:  # _splice(children, SPLICE_FIRST), inline
            first = children[0]
            if type(first) is _Inline:
                first.extend(children[1:])
            else:
                first = _Inline(children)
            return first if build is None else build(first)

        return extend

    def finish(children: list) -> Any:
        if splice:
            children = _splice(children, splice)
        if rkind == BUILD:
            return fn(children)
        if rkind == INLINE:
            return children if type(children) is _Inline else _Inline(children)
        return children[0] if len(children) == 1 else fn(children)  # EXPAND1, IDENTITY (one child)

    return finish


def _splice(children: list, mode: int) -> _Inline:
    """The children with every `_inlined` value spliced in, a leading one reused (linear repetitions)."""
    first = children[0]
    if mode == SPLICE_FIRST:
        if type(first) is _Inline:
            first.extend(children[1:])
            return first
        return _Inline(children)
    if type(first) is _Inline:
        out = first
        rest = children[1:]
    else:
        out = _Inline()
        rest = children
    for value in rest:
        if type(value) is _Inline:
            out.extend(value)
        else:
            out.append(value)
    return out


def _run(
    tokens: list[tuple],
    states: list[dict[str, int]],
    ops: list[Any],
    token_ops: list[Any],
    chain_below: int,
    start: int,
    end: int,
) -> Any:
    nstates = len(states)
    # One stack for states and values, interleaved: state, value, state, ..., value, top state.
    # A rule's children are then one slice with a step and leave in one `del`.
    stack: list[Any] = [start]
    top = start
    token = None
    # The branches come in the order of how often they are taken.  A missing
    # action is a KeyError (no test on the hot path): it is told apart below.
    remaining = iter(tokens)  # how far the loop got, for an error (compact tokens are shared)
    try:
        for token in remaining:
            kind = token[0]
            action = states[top][kind]
            while True:
                if action >= 0:
                    if action < nstates:
                        stack.append(token)
                        stack.append(action)
                        top = action
                    else:  # shift and reduce the rule the token ends (a local alone, a call's `)`...)
                        fn, origin, span = token_ops[action]
                        if span:  # the children before the token are on the stack
                            children = stack[span::2]
                            del stack[span:]
                            children.append(token)
                            value = fn(children)
                        else:
                            value = fn(token)
                        top = states[stack[-1]][origin]
                        stack.append(value)
                        stack.append(top)
                    break
                op = ops[action]
                if action < chain_below:  # a chain of unit reductions, and the action after it
                    top, action = op[stack[-3]]
                    stack[-1] = top
                    continue
                span, origin, fn = op
                if span == -2:  # one child, replaced in place
                    stack[-2] = fn([stack[-2]])
                    top = stack[-1] = states[stack[-3]][origin]
                    action = states[top][kind]
                    continue
                if span:
                    children = stack[span::2]
                    del stack[span:]
                else:
                    children = []
                value = fn(children)
                top = states[stack[-1]][origin]
                stack.append(value)
                stack.append(top)
                action = states[top][kind]
    except (KeyError, IndexError):  # IndexError: the missing action at the end of a chain
        if token is None or kind in states[top]:
            raise  # not a missing action: a bug, not a syntax error
        raise ParseError(token, _expected(states[top]), len(tokens) - length_hint(remaining) - 1) from None
    # End of input: reduce until the start rule is complete.
    while top != end:
        row = states[top]
        action = row.get("$END")
        if action is None or action >= 0:
            raise ParseError(None, _expected(row))
        op = ops[action]
        if action < chain_below:
            top = stack[-1] = op[stack[-3]][0]
            continue
        span, origin, fn = op
        if span:
            children = stack[span::2]
            del stack[span:]
        else:
            children = []
        value = fn(children)
        top = states[stack[-1]][origin]
        stack.append(value)
        stack.append(top)
    return stack[-2]


def _expected(row: dict[str, int]) -> set[str]:
    return {symbol for symbol in row if symbol.isupper()}


# -- the tables, built by Lark once and cached ------------------------------------------


def grammar_text() -> str:
    return resources.files("fourd.grammar").joinpath("fourd.lark").read_text(encoding="utf-8")


def grammar_key(grammar: str) -> str:
    """A hash of everything the tables depend on: grammar, this module's code, Lark and Python versions."""
    import lark

    code = Path(__file__).read_bytes()
    material = f"{_FORMAT}\0{grammar}\0{lark.__version__}\0{sys.version_info[:2]}\0".encode() + code
    return hashlib.sha256(material).hexdigest()[:20]


def build_tables(grammar: str, chains: bool = True) -> Tables:
    from lark import Lark
    from lark.lexer import Lexer

    class _NoLexer(Lexer):  # tokens come from fourd's lexer; Lark only builds the table
        def __init__(self, lexer_conf: Any):
            pass

        def lex(self, data: Any):  # type: ignore[override]
            raise NotImplementedError

    lark_parser = Lark(grammar, parser="lalr", lexer=_NoLexer, maybe_placeholders=False)
    return tables_from_lark(lark_parser, chains)


def load_tables() -> Tables:
    """The tables, from the cache when the grammar and versions are unchanged, else built and cached.

    Building costs about a second; loading a few milliseconds.  The cache file
    is written to a temporary file then renamed, so processes starting together
    never read a half-written one, and any failure falls back to building.
    """
    from .cache import cache_root  # the cache module needs the parser, hence this late import

    grammar = grammar_text()
    path = cache_root() / f"tables-{grammar_key(grammar)}.pickle"
    try:
        with open(path, "rb") as f:
            tables = pickle.load(f)
        if isinstance(tables, Tables):
            return tables
    except Exception:  # absent, unreadable or stale: build it
        pass
    tables = build_tables(grammar)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: build on every start
    return tables
