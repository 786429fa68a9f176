"""Design Object Access theme: what fourd can tell about the project's methods
(commands/method-get-names.md).  fourd runs no components, so ``*`` (the host database) changes
nothing."""

from __future__ import annotations

from ..runtime.frame import Frame
from ..runtime.operators import wildcard_match
from . import args as A
from ._targets import Target, writing_command
from .arrays import fill_array


@writing_command("METHOD GET NAMES", 1, 3)
def method_get_names(f: Frame, targets: list[Target]) -> None:
    """The project methods' names, sorted, optionally filtered with 4D's ``@`` wildcard (case
    and accent-insensitive, as text comparisons are)."""
    from ..runtime.compiler import STAR

    name = "METHOD GET NAMES"
    rest = [t.get() for t in targets[1:]]
    pattern = next((v for v in rest if v is not STAR), None)
    names = sorted(f.process.runtime.methods.names(), key=str.lower)
    if pattern is not None:
        text = A.text(pattern, name, 2)
        names = [n for n in names if wildcard_match(n, text)]
    fill_array(targets[0], names, name, "Text")
