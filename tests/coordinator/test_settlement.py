"""Settlement end to end: spool records settled on-chain by the coordinator process, in
batches per node over its own lookup tables; closes on final records; duplicates."""

from __future__ import annotations

from coordinator_harness import IO, Scene, record, totals


async def test_spool_records_are_settled_in_batches_per_node(scene: Scene) -> None:
    records = [record(e, f"r{i}-{k}", amount=(i + 1) * IO + k)
               for i, e in enumerate(scene.escrows) for k in range(3)]
    scene.write_spool("a", records[:9])
    scene.write_spool("b", records[9:])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    expected = totals(records)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)
    status = scene.status()
    assert status["totals"]["settled_records"] == len(records)
    assert status["backlog"] == [] and status["failed"] == [] and status["in_flight"] == []
    assert sorted(p.name for p in (scene.spool / "done").iterdir()) == ["a.jsonl", "b.jsonl"]
