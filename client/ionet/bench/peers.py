"""The peer column: each figure of ``bench/peers.toml`` beside ours, with the ratio."""

from __future__ import annotations

import tomllib
from typing import Any

from ionet.bench.harness import ROOT

PEERS = ROOT / "bench" / "peers.toml"


def compare(programs: dict[str, Any]) -> list[dict[str, Any]]:
    """``programs``: results.json's ``programs``; one row per peer."""
    rows = []
    for peer in tomllib.loads(PEERS.read_text())["peer"]:
        program, instruction = peer["ours"].split(".", 1)
        column = peer.get("column", "spl_token")
        figure = peer.get("figure", "total")
        ours = programs[program]["compute_units"][instruction][column][figure]
        rows.append({"kind": peer["kind"], "ours": peer["ours"], "column": column,
                     "figure": figure, "ours_units": ours, "peer": peer["peer"],
                     "peer_units": peer["units"], "ratio": round(ours / peer["units"], 3),
                     "source": peer["source"], "how": peer["how"]})
    return rows
