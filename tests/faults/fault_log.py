"""The session's fault injection counts, kept in ``target/security/faults.json`` for the
security table (``tests/security_table.py``): ``{"faults": {kind: count}, "outcomes":
{outcome: count}}``, rewritten after every scenario so that a partial run shows too."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FaultLog"]


@dataclass
class FaultLog:
    path: Path
    faults: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)

    def add(self, faults: Mapping[str, int], outcomes: Mapping[str, int]) -> None:
        self.faults.update(faults)
        self.outcomes.update(outcomes)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"faults": dict(sorted(self.faults.items())),
                                         "outcomes": dict(sorted(self.outcomes.items()))},
                                        indent=2) + "\n")
