"""Output for people (aligned tables, whole tokens, durations) or for programs
(``--output json`` / ``json-compact``). Every command prints through :func:`emit`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["OUTPUT_FORMATS", "emit", "key_values", "stderr", "stdout", "table"]

OUTPUT_FORMATS = ("json", "json-compact")


def stdout() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def _default(value: Any) -> Any:
    return str(value)


def emit(output: str, data: Any, human: Callable[[Console], None]) -> None:
    """``data`` as JSON when asked for, else ``human`` renders it."""
    if output == "json":
        print(json.dumps(data, indent=2, default=_default))
    elif output == "json-compact":
        print(json.dumps(data, separators=(",", ":"), default=_default))
    else:
        human(stdout())


def key_values(console: Console, rows: Sequence[tuple[str, Any]]) -> None:
    """``label: value`` lines with the values aligned."""
    width = max((len(label) for label, _ in rows), default=0) + 1
    for label, value in rows:
        console.print(f"{(label + ':').ljust(width)} {value}", markup=False)


def table(console: Console, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          right: Sequence[str] = ()) -> None:
    """An aligned table; columns named in ``right`` are right-aligned (numbers)."""
    grid = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in columns:
        grid.add_column(column, justify="right" if column in right else "left",
                        no_wrap=True)
    for row in rows:
        grid.add_row(*(str(cell) for cell in row))
    console.print(grid)
