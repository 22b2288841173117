"""``ionet.coordinator.bench``: the numbers ``make bench`` prints, measured for real (small
sizes here)."""

from __future__ import annotations

from coordinator_harness import Scene

from ionet.coordinator.bench import measure


async def test_measure_returns_every_number(scene: Scene) -> None:
    result = await measure(scene.rpc_url, scene.env.coordinator, scene.env.program.program_id,
                           [e.address for e in scene.escrows], records=2_000, waves=3)
    print(result.to_json())
    assert result.spool_records_per_second and result.spool_records_per_second > 100
    assert result.http_records_per_second and result.http_records_per_second > 100
    # Records arriving while a settlement is under way are settled together.
    assert len(scene.escrows) <= result.settlements <= 3 * len(scene.escrows)
    assert result.escrows_settled_per_second and result.escrows_settled_per_second > 1
    assert result.lag_p50_seconds is not None and result.lag_p99_seconds is not None
    assert 0 <= result.lag_p50_seconds <= result.lag_p99_seconds < 30
    settled = await scene.settled()
    assert all(v == 3 for v in settled.values())
