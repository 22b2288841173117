"""README.md's generated benchmark section is what this code measures (rerun `make bench`
after a change that moves a figure), and results.json follows its schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from ionet.bench import budgets, report
from ionet.bench.__main__ import TIMING
from ionet.bench.harness import ROOT

SCHEMA = ROOT / "bench" / "results.schema.json"


def test_readme_benchmark_section_is_current(results: dict[str, Any]) -> None:
    text = report.README.read_text()
    expected = report.rewrite(text, report.deterministic_section(results, budgets.load()))
    assert text == expected, ("README.md's benchmark section is stale: run `make bench` "
                              "(it rewrites the section between the bench markers)")


def test_results_follow_the_schema(results: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate({**results, "timing": dict.fromkeys(TIMING)}, schema)
