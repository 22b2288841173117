"""The service as operators run it: HTTP ingestion into a running coordinator, /metrics,
SIGTERM; ``status`` and ``reconcile``; one-line errors for bad options."""

from __future__ import annotations

import asyncio
import json
import signal
import socket

import httpx
import pytest
from coordinator_harness import IO, Scene, record, serving, totals, until

from ionet.cli import main
from ionet.coordinator.bench import free_port
from ionet.coordinator.http import sign

TOKEN = "tok-" + "x" * 28


async def test_http_ingestion_metrics_and_sigterm(scene: Scene) -> None:
    token_file = scene.folder / "token"
    token_file.write_text(TOKEN + "\n")
    port = free_port()
    process = scene.start("--http", f"127.0.0.1:{port}", "--auth-token-file", str(token_file))
    base = f"http://127.0.0.1:{port}"
    records = [record(e, f"h{i}", amount=(i + 1) * IO) for i, e in enumerate(scene.escrows)]
    await serving(base, process)
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        body = json.dumps(records[:3]).encode()
        answer = await client.post("/v1/usage", content=body,
                                   headers={"authorization": f"Bearer {TOKEN}"})
        assert (answer.status_code, answer.json()) == (202, {"accepted": 3, "duplicates": 0})
        # 202 means durable: the records are in the journal as the answer arrives.
        assert scene.rows("SELECT COUNT(*) FROM records")[0][0] == 3
        body = json.dumps(records[2:]).encode()
        answer = await client.post("/v1/usage", content=body,
                                   headers={"x-ionet-signature": sign(TOKEN.encode(), body)})
        assert answer.json() == {"accepted": 3, "duplicates": 1}
        bad = await client.post("/v1/usage", content=b'[{"report_id": 1}]',
                                headers={"authorization": f"Bearer {TOKEN}"})
        assert bad.status_code == 400 and "record 1: report_id" in bad.json()["error"]
        await until(lambda: scene.settled_records() == len(records), "the settlement")
        metrics = (await client.get("/metrics")).text
    assert 'ionet_coordinator_records_total{source="http"} 6.0' in metrics
    assert 'ionet_coordinator_duplicate_records_total{source="http"} 1.0' in metrics
    assert 'ionet_coordinator_rejected_total{reason="malformed",source="http"} 1.0' in metrics
    assert "ionet_coordinator_escrows_settled_total 6.0" in metrics
    assert "ionet_coordinator_settlement_lag_seconds_count 6.0" in metrics
    process.send_signal(signal.SIGTERM)
    _out, err = await asyncio.to_thread(process.communicate, timeout=20)
    assert process.returncode == 0, err
    expected = totals(records)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}


async def test_status_and_reconcile(scene: Scene) -> None:
    scene.write_spool("a", [record(e, f"r{i}", amount=IO) for i, e in enumerate(scene.escrows)])
    done = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": "sent"})
    assert done.returncode == -signal.SIGKILL
    status = scene.status()
    [in_flight] = status["in_flight"]
    assert in_flight["escrows"] == 3 and status["totals"]["settled_records"] == 0
    assert {row["node"] for row in status["backlog"]} == {str(s.node) for s in scene.suppliers}
    human = scene.run("status")
    assert human.returncode == 0 and in_flight["signature"] in human.stdout
    assert "backlog per node:" in human.stdout
    done = scene.run("reconcile", "--output", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["landed"] == [in_flight["signature"]] and report["seq_mismatches"] == []
    status = scene.status()
    assert status["in_flight"] == [] and status["totals"]["settled_records"] == 3


def test_bad_options_are_one_line_errors(scene: Scene,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (["--journal", "mysql://x"], "use sqlite:///PATH or postgresql://"),
        (["--http", "8080"], "expected HOST:PORT"),
        (["--http", "127.0.0.1:8080"], "--http needs --auth-token-file"),
        (["--http", "127.0.0.1:8080", "--auth-token-file", "/nonexistent"],
         "--auth-token-file /nonexistent"),
        (["--priority-fee", "cheap"], "micro-lamports per compute unit"),
    ]
    token_file = scene.folder / "token"
    token_file.write_text(TOKEN)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(scene.argv("run", "--http", f"127.0.0.1:{port}", "--auth-token-file",
                               str(token_file))[3:]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0], lines
    for args, message in cases:
        assert main(scene.argv("run", *args)[3:]) == 1, args
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (args, lines)
    bad_journal = "postgresql://nobody@/x?host=/nonexistent"
    assert main(scene.argv("status", journal=bad_journal)[3:]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "cannot open the journal" in lines[0]
