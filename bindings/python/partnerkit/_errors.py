"""The exceptions partnerkit raises; the C++ exceptions of the same names are translated to them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._core import Issue

__all__ = ["Error", "IoError", "ValidationError"]


class Error(Exception):
    """Base of every exception partnerkit raises."""


class ValidationError(Error, ValueError):
    """An input is not a valid partnership document.

    Carries every problem found, not only the first: ``errors`` is a list of ``Issue``
    (``str(issue)`` is ``"FILE: /pointer: message"``) and ``str(exc)`` is those lines joined by
    newlines. ``file`` and ``path`` (a JSON pointer, ``""`` for the whole document) are the first
    problem's.
    """

    errors: list[Issue]

    def __init__(self, errors: Iterable[Issue]) -> None:
        errors = list(errors)
        if not errors:
            raise ValueError("ValidationError needs at least one Issue")
        super().__init__("\n".join(str(issue) for issue in errors))
        self.errors = errors

    @property
    def file(self) -> str:
        """The file of the first problem ("<string>" for loads, "<dict>" for from_dict)."""
        return self.errors[0].file

    @property
    def path(self) -> str:
        """The JSON pointer of the first problem; "" is the whole document."""
        return self.errors[0].path

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors,))


class IoError(Error, OSError):
    """A file could not be read or written.

    ``str(exc)`` is ``"PATH: what went wrong"``; ``path`` (also ``filename``, as for any
    ``OSError``) is the file and ``errno`` the operating system's error number (or None).
    """

    path: str | None

    def __init__(self, message: str, path: str | None = None, errno: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.filename = path
        self.errno = errno

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.path, self.errno))


# Shown as partnerkit.ValidationError in tracebacks; partnerkit re-exports all three.
for _cls in (Error, ValidationError, IoError):
    _cls.__module__ = "partnerkit"
del _cls
