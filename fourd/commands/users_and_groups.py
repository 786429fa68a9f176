"""Users and Groups theme: the current user (commands/current-user.md).

fourd opens no users-and-groups directory: the user is the session's (``Designer`` for the
standalone session, as a project without access control runs) and nobody has an alias.
"""

from __future__ import annotations

from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from . import args as A
from .registry import command

ALIAS_OR_ACCOUNT, ACCOUNT, ALIAS = 0, 1, 2


@command("Current user")
def current_user(f: Frame, which: Any = A.MISSING) -> str:
    option = ALIAS_OR_ACCOUNT if which is A.MISSING else A.integer(which, "Current user", 1)
    if option not in (ALIAS_OR_ACCOUNT, ACCOUNT, ALIAS):
        raise error("wrong_param_type", name="Current user", index=1, expected="0, 1 or 2", got=str(option))
    return "" if option == ALIAS else f.process.session.user_name
