"""AST node classes make their dataclass ``__init__`` at the first instance: they must behave as
plain ``dataclass(repr=False, eq=False)`` classes all the same."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import subprocess
import sys
from pathlib import Path

import fourd.syntax.ast as ast

NODE_CLASSES = [c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, ast.Node)]


def _required(cls: type) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(cls)
        if not f.kw_only and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def test_every_node_class_is_the_dataclass_it_was():
    assert len(NODE_CLASSES) > 40
    for cls in NODE_CLASSES:
        node = cls(*[f"<{name}>" for name in _required(cls)], line=3, column=4)
        assert dataclasses.is_dataclass(cls)
        assert cls.__match_args__ == tuple(f.name for f in dataclasses.fields(cls) if not f.kw_only)
        assert (node.line, node.column) == (3, 4)
        for name in _required(cls):
            assert getattr(node, name) == f"<{name}>"
        # The __init__ in place now is dataclass's own, with the signature dataclass documents.
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
        assert "line: 'int' = 0" in str(inspect.signature(cls))
        if not cls.__doc__ or cls.__doc__.startswith(cls.__name__ + "("):
            assert cls.__doc__ == cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
        copy = pickle.loads(pickle.dumps(node))
        assert copy == node and repr(copy) == repr(node)
        assert copy != cls(*[f"<{name}>" for name in _required(cls)], line=5, column=4)


def test_defaults_and_keyword_only_fields_are_kept():
    one, two = ast.Module([]), ast.Module([])
    assert one.attributes == {} and one.attributes is not two.attributes  # default_factory
    assert (one.path, one.line, one.column) == ("<code>", 0, 0)
    assert ast.Name("x") == ast.Name("x", None, None, line=0, column=0)
    try:
        ast.Literal(1, 2)  # line and column are keyword-only
    except TypeError:
        pass
    else:
        raise AssertionError("line passed by position")


def test_first_instances_made_by_several_threads_at_once():
    # In a fresh interpreter, no node class has its __init__ yet: threads race for the first one.
    code = (
        "import threading, fourd.syntax.ast as a\n"
        "out = []\n"
        "def make():\n"
        "    out.append(a.Binary('+', a.Literal(1), a.Literal(2), line=1, column=2))\n"
        "ts = [threading.Thread(target=make) for _ in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "assert len(out) == 8 and all(x == out[0] for x in out), out\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=root)
    assert done.stdout.strip() == "ok", done.stderr
