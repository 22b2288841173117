"""The coordinator's figures for `make bench`: records ingested per second (spool and
HTTP), escrows settled per second end to end on `ionet localnet` and the lag from a
record's arrival to its settlement (`ionet.coordinator.bench`), over a market of 4 nodes
with 32 escrows each."""

from __future__ import annotations

import asyncio
from typing import Any

from spl.token.constants import TOKEN_PROGRAM_ID

from ionet.bench.harness import Deployer
from ionet.coordinator.bench import measure
from ionet.testing import start_localnet_process

NODES, ESCROWS_PER_NODE, RECORDS, WAVES = 4, 32, 20_000, 10


async def _measure() -> dict[str, Any]:
    process = start_localnet_process(extra_args=["--quiet"])
    cluster = process.connect()
    try:
        env = await Deployer(cluster).escrow(TOKEN_PROGRAM_ID)
        env.check = False  # the books are the tests' business; this measures time
        usdc = env.mints["usdc"]
        await env.enable(usdc)
        customer = await env.wallet(usdc, 10**12)
        suppliers = [await env.supplier(usdc) for _ in range(NODES)]
        escrows = [await env.open(customer, suppliers[i % NODES], usdc, 10**9, rate=10**6,
                                  job_id=i) for i in range(NODES * ESCROWS_PER_NODE)]
        result = await measure(process.rpc_url, env.coordinator, env.program.program_id,
                               escrows, records=RECORDS, waves=WAVES)
        return {"nodes": NODES, "escrows": len(escrows), "records": RECORDS,
                "waves": WAVES, **result.to_json()}
    finally:
        await cluster.close()
        process.stop()


def coordinator() -> dict[str, Any]:
    return asyncio.run(_measure())


def timing(section: dict[str, Any] | None) -> list[str]:
    """The coordinator's figures (printed, not in the README: they are this machine's)."""
    if section is None:
        return []
    return ["| coordinator (this machine, this run) | value |", "|---|---:|",
            f"| spool ingestion | {section['spool_records_per_second']:,.0f} records/s |",
            f"| HTTP ingestion (`POST /v1/usage`) | "
            f"{section['http_records_per_second']:,.0f} records/s |",
            f"| escrows settled end to end ({section['escrows']} escrows, "
            f"{section['waves']} waves) | {section['escrows_settled_per_second']:,.0f} /s |",
            f"| lag from arrival to settlement, p50 / p99 | {section['lag_p50_seconds']:.2f} / "
            f"{section['lag_p99_seconds']:.2f} s |"]
