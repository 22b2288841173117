"""The session's fault injection counts, kept in ``target/security/faults.json`` for the
security table (``tests/security_table.py``): ``{"faults": {kind: count}, "outcomes":
{outcome: count}}``. Each scenario adds its counts to the file (cleared at session start
by ``tests/conftest.py``), so that a partial run shows too."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping

from security_table import OUTPUT

__all__ = ["PATH", "add_faults"]

PATH = OUTPUT / "faults.json"


def add_faults(faults: Mapping[str, int], outcomes: Mapping[str, int]) -> None:
    found = json.loads(PATH.read_text()) if PATH.exists() else {"faults": {}, "outcomes": {}}
    totals = {"faults": Counter(found["faults"]), "outcomes": Counter(found["outcomes"])}
    totals["faults"].update(faults)
    totals["outcomes"].update(outcomes)
    PATH.parent.mkdir(parents=True, exist_ok=True)
    PATH.write_text(json.dumps({k: dict(sorted(v.items())) for k, v in totals.items()},
                               indent=2) + "\n")
