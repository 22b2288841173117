"""A damaged ``--ledger``: a torn last write is reported and dropped; anything else stops
the start with one line naming the file and the remedy, never a traceback. And answers
leave the node only once what they report is on disk."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import queue
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction, VersionedTransaction

from ionet.localnet import ledger as ledger_mod
from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.localnet.ledger import _RECORD, HEADER, LOG_NAME, decode_payload, encode_mark
from ionet.localnet.rpc_methods import handle_bytes
from ionet.localnet.server import Endpoints, LocalnetServer


@dataclass
class Run:
    process: subprocess.Popen[str]
    url: str | None
    stderr: Path


def _start(ledger: Path, *args: str, expect_start: bool = True,
           max_file_size: int | None = None) -> Run:
    """``ionet localnet --ledger`` with a slot clock too slow to write anything by itself;
    ``max_file_size``: no file of the node can grow beyond that (a full disk)."""
    stderr = ledger.parent / f"stderr-{len(list(ledger.parent.glob('stderr-*')))}.txt"

    def limit() -> None:
        if max_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_size, max_file_size))

    with stderr.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "ionet.localnet", "--rpc-port", "0", "--ws-port", "0",
             "--no-programs", "--print-endpoints", "--slot-ms", "1000000", "--ledger",
             str(ledger), *args], stdout=subprocess.PIPE, stderr=err, text=True,
            preexec_fn=limit)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not expect_start:
        process.wait(30)
        return Run(process, None, stderr)
    assert line.startswith("ENDPOINTS "), stderr.read_text()
    return Run(process, json.loads(line.split(" ", 1)[1])["rpc"], stderr)


def _rpc(url: str, method: str, *params: Any) -> Any:
    doc = httpx.post(url, json={"jsonrpc": "2.0", "id": 1, "method": method,
                                "params": list(params)}, timeout=30).json()
    assert "error" not in doc, doc
    return doc["result"]


def _send(url: str, payer: Keypair, to: Pubkey, lamports: int) -> str:
    blockhash = Hash.from_string(_rpc(url, "getLatestBlockhash")["value"]["blockhash"])
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=lamports))
    tx = Transaction([payer], Message.new_with_blockhash([ix], payer.pubkey(), blockhash),
                     blockhash)
    return str(_rpc(url, "sendTransaction", base64.b64encode(bytes(tx)).decode(),
                    {"encoding": "base64"}))


def _status(url: str, signature: str) -> Any:
    return _rpc(url, "getSignatureStatuses", [signature])["value"][0]


def _kill(run: Run) -> None:
    run.process.send_signal(signal.SIGKILL)
    run.process.wait()


def _stop(run: Run) -> None:
    run.process.send_signal(signal.SIGTERM)
    assert run.process.wait(10) == 0


def _lines(run: Run) -> list[str]:
    return [line for line in run.stderr.read_text().splitlines() if line.strip()]


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return tmp_path / "ledger"


def _with_two_transfers(ledger: Path) -> tuple[Run, Keypair, str, str, int]:
    """A node that acknowledged two transfers; also the log's length between them."""
    run = _start(ledger)
    assert run.url is not None
    payer = Keypair()
    _rpc(run.url, "requestAirdrop", str(payer.pubkey()), 10**10)
    first = _send(run.url, payer, Keypair().pubkey(), 10**9)
    between = (ledger / LOG_NAME).stat().st_size
    second = _send(run.url, payer, Keypair().pubkey(), 10**9)
    return run, payer, first, second, between


def test_torn_last_write_is_reported_and_dropped(ledger: Path) -> None:
    run, _, first, second, between = _with_two_transfers(ledger)
    _kill(run)
    log = ledger / LOG_NAME
    data = log.read_bytes()
    assert len(data) > between  # the second transfer is the last record
    cut = between + (len(data) - between) // 2
    log.write_bytes(data[:cut])  # what a power loss in the middle of that write leaves
    # A torn write comes after what the mark knows to be on disk: set the mark back to
    # where a crash during that write would have found it (the node may have moved it on).
    (ledger / (LOG_NAME + ".mark")).write_bytes(encode_mark(between))

    run = _start(ledger)
    assert run.url is not None
    try:
        lines = _lines(run)
        warnings = [line for line in lines if "incomplete write" in line]
        assert len(warnings) == 1, lines
        assert str(log) in warnings[0] and "dropped" in warnings[0]
        assert (ledger / (LOG_NAME + ".torn")).read_bytes() == data[between:cut]
        assert _status(run.url, first) is not None
        assert _status(run.url, second) is None
    finally:
        _stop(run)
    # The log was cut back to its last whole record: the next start says nothing.
    run = _start(ledger)
    try:
        assert not [line for line in _lines(run) if "warning" in line]
    finally:
        _stop(run)


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "zeroed tail"])
def test_damaged_log_stops_with_one_line(ledger: Path, damage: str) -> None:
    run, _, first, _, between = _with_two_transfers(ledger)
    _stop(run)  # a clean stop: the mark knows the whole log is on disk
    log = ledger / LOG_NAME
    data = bytearray(log.read_bytes())
    if damage == "flipped byte":
        data[len(HEADER) + 40] ^= 0x55
    elif damage == "truncated":
        del data[between - 10 :]
    else:
        data[between:] = bytes(len(data) - between)
    log.write_bytes(bytes(data))

    run = _start(ledger, expect_start=False)
    lines = _lines(run)
    assert run.process.returncode == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ionet localnet: {log} is damaged at byte ")
    assert "--reset" in lines[0] and "--recover" in lines[0]
    assert "Traceback" not in run.stderr.read_text()

    # --recover keeps what comes before the damage, and says so.
    run = _start(ledger, "--recover")
    assert run.url is not None
    try:
        assert any("damaged" in line and "kept the" in line for line in _lines(run))
        if damage == "zeroed tail":  # the first transfer comes before the damage
            assert _status(run.url, first) is not None
        if damage == "truncated":  # the cut is in the first transfer's record
            assert _status(run.url, first) is None
        assert list(ledger.glob(LOG_NAME + ".damaged-*"))
    finally:
        _stop(run)


def test_failed_write_stops_the_node_unacknowledged(ledger: Path) -> None:
    """A write the disk refuses: no answer, one line, exit 1; a restart has every
    acknowledged transfer (and reports the incomplete write, if one was left)."""
    run = _start(ledger, "--quiet", max_file_size=40_000)
    assert run.url is not None
    payer = Keypair()
    _rpc(run.url, "requestAirdrop", str(payer.pubkey()), 10**12)
    acknowledged = []
    with pytest.raises((httpx.HTTPError, json.JSONDecodeError)):
        for _ in range(1000):
            acknowledged.append(_send(run.url, payer, Keypair().pubkey(), 10**6))
    assert run.process.wait(10) == 1
    lines = _lines(run)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ionet localnet: stopped: cannot write the ledger "
                               f"{ledger / LOG_NAME}: File too large")
    assert len(acknowledged) > 5
    run = _start(ledger)
    assert run.url is not None
    try:
        statuses = _rpc(run.url, "getSignatureStatuses", acknowledged)["value"]
        assert None not in statuses
        assert _rpc(run.url, "getTransactionCount") == len(acknowledged) + 1
    finally:
        _stop(run)


@pytest.mark.parametrize("what", ["not a ledger", "older ledger", "unreadable"])
def test_unusable_ledger_is_one_line(ledger: Path, what: str) -> None:
    ledger.mkdir()
    if what == "not a ledger":
        (ledger / LOG_NAME).write_bytes(b"SQLite format 3\x00" + bytes(100))
    elif what == "older ledger":
        sqlite3.connect(ledger / "ledger.sqlite").close()
    else:
        (ledger / LOG_NAME).mkdir()
    run = _start(ledger, expect_start=False)
    lines = _lines(run)
    assert run.process.returncode == 2
    assert len(lines) == 1 and lines[0].startswith("ionet localnet: "), lines
    assert "ledger" in lines[0] and "Traceback" not in lines[0]
    if what != "unreadable":
        assert "--reset" in lines[0]
        run = _start(ledger, "--reset")
        _stop(run)


def test_expired_blockhash_stays_expired_across_a_restart(ledger: Path) -> None:
    run = _start(ledger)
    assert run.url is not None
    payer = Keypair()
    _rpc(run.url, "requestAirdrop", str(payer.pubkey()), 10**10)
    handed_out = set()
    for _ in range(5):
        handed_out.add(_rpc(run.url, "getLatestBlockhash")["value"]["blockhash"])
        _rpc(run.url, "ionet_advanceClock", {"seconds": 1, "slots": 200})
    old = Hash.from_string(sorted(handed_out)[0])
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(),
                                 lamports=10**9))
    tx = Transaction([payer], Message.new_with_blockhash([ix], payer.pubkey(), old), old)
    body = {"jsonrpc": "2.0", "id": 1, "method": "sendTransaction",
            "params": [base64.b64encode(bytes(tx)).decode(), {"encoding": "base64"}]}
    assert "Blockhash not found" in httpx.post(run.url, json=body).json()["error"]["message"]
    _kill(run)
    run = _start(ledger)
    assert run.url is not None
    try:
        for _ in range(20):  # the first blockhashes of the restarted node are new ones
            latest = _rpc(run.url, "getLatestBlockhash")["value"]["blockhash"]
            assert latest not in handed_out
            _rpc(run.url, "ionet_advanceClock", {"seconds": 0, "slots": 1})
        answer = httpx.post(run.url, json=body).json()
        assert "Blockhash not found" in answer["error"]["message"], answer
        assert _status(run.url, str(tx.signatures[0])) is None
    finally:
        _stop(run)


def _record_ends(log: Path) -> dict[str, int]:
    """Signature -> offset of the end of the log record that holds its transaction."""
    data = log.read_bytes()
    pos, ends = len(HEADER), {}
    while pos < len(data):
        length = _RECORD.unpack_from(data, pos)[0]
        end = pos + _RECORD.size + length
        for body in decode_payload(data[pos + _RECORD.size : end])[1]:
            raw = base64.b64decode(json.loads(body)["tx"])
            ends[str(VersionedTransaction.from_bytes(raw).signatures[0])] = end
        pos = end
    return ends


def _send_body(payer: Keypair, blockhash: Hash, i: int) -> dict[str, Any]:
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(),
                                 lamports=10**9 + i))
    tx = Transaction([payer], Message.new_with_blockhash([ix], payer.pubkey(), blockhash),
                     blockhash)
    return {"jsonrpc": "2.0", "id": i, "method": "sendTransaction",
            "params": [base64.b64encode(bytes(tx)).decode(), {"encoding": "base64"}]}


@pytest.mark.parametrize("sync", ["fsync", "write"])
async def test_answer_leaves_only_once_durable(tmp_path: Path, sync: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A sendTransaction answer leaves after the record holding the transaction was
    fdatasync-ed (``fsync``) or written (``write``); requests that arrive together share
    one sync (a group commit)."""
    ledger = tmp_path / "ledger"
    validator = start_validator(ValidatorConfig(ledger=ledger, ledger_sync=sync,
                                                wallet=Keypair(), log=lambda _m: None))
    log_fd = validator.ledger.fd
    synced: list[int] = []
    real = os.fdatasync

    def fdatasync(fd: int) -> None:
        """The real sync, made slow: an answer sent before it ends would be seen."""
        size = os.fstat(fd).st_size  # at least this much is on disk once it returns
        real(fd)
        if fd == log_fd:
            time.sleep(0.02)
            synced.append(size)

    monkeypatch.setattr(ledger_mod.os, "fdatasync", fdatasync)
    # The node in a thread of its own, as in its own process: the client sees answers
    # as they leave, not after the node's turn of the event loop.
    ready: queue.Queue[tuple[Endpoints, asyncio.AbstractEventLoop, asyncio.Event]] = \
        queue.Queue()

    async def serve() -> None:
        server = LocalnetServer(validator, "127.0.0.1", 0, 0)
        stop = asyncio.Event()
        ready.put((await server.start(), asyncio.get_running_loop(), stop))
        await stop.wait()
        await server.stop()

    thread = threading.Thread(target=asyncio.run, args=(serve(),))
    thread.start()
    endpoints, loop, stop = ready.get(timeout=30)
    log = ledger / LOG_NAME
    try:
        payer = Keypair()
        async with httpx.AsyncClient(base_url=endpoints.rpc_url) as http:
            await http.post("", json={"jsonrpc": "2.0", "id": 1, "method": "requestAirdrop",
                                      "params": [str(payer.pubkey()), 10**11]})
            latest = (await http.post("", json={"jsonrpc": "2.0", "id": 1,
                                                "method": "getLatestBlockhash"})).json()
        blockhash = Hash.from_string(latest["result"]["value"]["blockhash"])

        async def send(body: dict[str, Any]) -> tuple[str, int, int]:
            async with httpx.AsyncClient(base_url=endpoints.rpc_url) as one:
                answer = (await one.post("", json=body)).json()
            # What was synced, and what was written, when the answer arrived.
            return answer["result"], max(synced, default=0), log.stat().st_size

        results = await asyncio.gather(*(send(_send_body(payer, blockhash, i))
                                         for i in range(8)))
        ends = _record_ends(log)
        for signature, synced_size, size in results:
            assert size >= ends[signature], "answered before the write"
            if sync == "fsync":
                assert synced_size >= ends[signature], "answered before the sync"

        # Eight requests pipelined on one connection arrive together: one sync.
        before = len(synced)
        host, port = endpoints.rpc_url.removeprefix("http://").rsplit(":", 1)
        reader, writer = await asyncio.open_connection(host, int(port))
        payload = b""
        for i in range(8, 16):
            body = json.dumps(_send_body(payer, blockhash, i)).encode()
            payload += (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(body)) + body
        writer.write(payload)
        await writer.drain()
        answers = []
        for _ in range(8):
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            answers.append(json.loads(await reader.readexactly(length)))
        writer.close()
        assert [a["id"] for a in answers] == list(range(8, 16))
        assert all("result" in a for a in answers), answers
        if sync == "fsync":
            assert 1 <= len(synced) - before < 8, synced
            assert max(synced) >= max(_record_ends(log)[a["result"]] for a in answers)
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)


def test_log_is_compacted_at_start_up(tmp_path: Path) -> None:
    """A log that holds mostly old versions (here: history beyond the limit, one account
    rewritten a thousand times) is rewritten as one snapshot; nothing kept changes."""
    ledger = tmp_path / "ledger"
    messages: list[str] = []

    def start() -> Any:
        return start_validator(ValidatorConfig(ledger=ledger, ledger_sync="write",
                                               history_limit=10, wallet=wallet,
                                               log=messages.append))

    def call(validator: Any, method: str, *params: Any) -> Any:
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
                           "params": list(params)}).encode()
        doc = json.loads(handle_bytes(validator, body) or b"null")
        assert "error" not in doc, doc
        return doc["result"]

    wallet = Keypair()
    validator = start()
    target = Keypair().pubkey()
    signatures = [call(validator, "requestAirdrop", str(target), 10**9 + i) for i in range(1200)]
    blockhash = call(validator, "getLatestBlockhash")["value"]["blockhash"]
    balance = call(validator, "getBalance", str(target))["value"]
    validator.ledger.close()
    size = (ledger / LOG_NAME).stat().st_size
    assert size > 1 << 20

    validator = start()
    assert any("compacted" in m for m in messages), messages
    assert (ledger / LOG_NAME).stat().st_size < size // 4
    validator.ledger.close()
    messages.clear()
    validator = start()  # the snapshot replays to the same state, and is not compacted again
    try:
        assert not any("compacted" in m for m in messages), messages
        assert call(validator, "getBalance", str(target))["value"] == balance
        statuses = call(validator, "getSignatureStatuses", signatures[-10:])["value"]
        assert None not in statuses
        assert call(validator, "isBlockhashValid", blockhash)["value"] is True
        assert call(validator, "getLatestBlockhash")["value"]["blockhash"] != blockhash
    finally:
        validator.ledger.close()


def test_a_crash_during_compaction_loses_nothing(tmp_path: Path) -> None:
    """What a crash can leave while compacting: a partial ``ledger.log.new`` beside the
    old log and a mark set to 0 (before the rename), or the new log with that mark
    (after it). Each starts with everything."""
    ledger = tmp_path / "ledger"
    wallet = Keypair()

    def start(history_limit: int = 10) -> Any:
        return start_validator(ValidatorConfig(ledger=ledger, ledger_sync="write",
                                               history_limit=history_limit, wallet=wallet,
                                               log=lambda _m: None))

    def call(validator: Any, method: str, *params: Any) -> Any:
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
                           "params": list(params)}).encode()
        return json.loads(handle_bytes(validator, body) or b"null")["result"]

    validator = start(history_limit=100_000)  # nothing to compact yet
    target = Keypair().pubkey()
    signatures = [call(validator, "requestAirdrop", str(target), 10**9) for _ in range(1200)]
    balance = call(validator, "getBalance", str(target))["value"]
    validator.ledger.close()
    old_log = (ledger / LOG_NAME).read_bytes()

    def check(validator: Any) -> None:
        try:
            assert call(validator, "getBalance", str(target))["value"] == balance
            assert None not in call(validator, "getSignatureStatuses", signatures[-10:])["value"]
        finally:
            validator.ledger.close()

    # Before the rename: the old log, a partial new one, the mark at 0.
    (ledger / (LOG_NAME + ".new")).write_bytes(old_log[: len(old_log) // 3])
    (ledger / (LOG_NAME + ".mark")).write_bytes(encode_mark(0))
    check(start())  # compacts now
    assert not (ledger / (LOG_NAME + ".new")).exists()
    assert (ledger / LOG_NAME).stat().st_size < len(old_log) // 4
    # After the rename, before the mark is rewritten: the new log, the mark at 0.
    (ledger / (LOG_NAME + ".mark")).write_bytes(encode_mark(0))
    check(start())
