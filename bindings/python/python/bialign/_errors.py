"""The exceptions and warnings of bialign.

Every error the library reports is a :class:`Error`; its subclasses also derive from the
builtin exception they refine, so ``except ValueError`` catches a bad option or bad input
and ``except OSError`` a file that cannot be read.
"""

from __future__ import annotations

__all__ = ["Error", "ConfigError", "OptionError", "InputError", "FileError", "InputWarning"]


class Error(Exception):
    """An error of bialign. ``kind`` is the library's broad kind (``io``, ``decode``,
    ``too_large``, ``parse``, ``config``, ``input``); ``option`` names the option an
    invalid-option error is about (else None)."""

    def __init__(self, message: str, *, kind: str = "other", option: "str | None" = None):
        super().__init__(message)
        self.kind = kind
        self.option = option


class ConfigError(Error, ValueError):
    """An invalid configuration (for example the same language on both sides)."""


class OptionError(ConfigError):
    """An unknown option, or an option with a bad value; ``option`` names it."""


class InputError(Error, ValueError):
    """Input that cannot be aligned: undecodable, too large, malformed, an empty text, a
    text without a character of its language, texts in the wrong order."""


class FileError(Error, OSError):
    """A file that cannot be read or written."""


class InputWarning(UserWarning):
    """Something noticed about the input that does not stop the alignment: damaged UTF-8
    repaired with U+FFFD, a text that looks like another language than the one given."""
