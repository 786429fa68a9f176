"""Compiler theme: fourd interprets; there is no 4D compiler to call."""

from __future__ import annotations

from .registry import headless_only_error

headless_only_error("Compile project", "needs the 4D compiler (fourd only interprets)")
