"""Sizes written the way people say them."""

from __future__ import annotations

__all__ = ["format_size", "format_sizes"]


def format_size(n: int) -> str:
    """Write a parameter count with three significant digits and a unit.

    >>> [format_size(n) for n in (110_000_000, 1_542_000_000, 7_000_000_000, 1_200_000_000_000)]
    ['110M', '1.54B', '7B', '1.2T']
    """
    for unit, scale in (("T", 10**12), ("B", 10**9), ("M", 10**6), ("K", 10**3)):
        if n >= scale:
            value = n / scale
            text = f"{value:.3g}" if value < 1000 else f"{value:.0f}"
            return text + unit
    return str(n)


def format_sizes(parameters: list[int] | None) -> str:
    """``7B, 13B, 70B``, or ``undisclosed`` for ``None``.

    >>> format_sizes([7_000_000_000, 13_000_000_000]), format_sizes(None)
    ('7B, 13B', 'undisclosed')
    """
    return ", ".join(format_size(p) for p in parameters) if parameters else "undisclosed"
