"""fourd: an interpreter for the 4D language, written in Python."""

__version__ = "0.1.0"
