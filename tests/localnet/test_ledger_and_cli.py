"""``ionet localnet`` as a process: programs from Anchor.toml, --ledger restarts, --reset,
clean stops on SIGTERM/SIGINT, start-up time."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer

from ionet.loader_v3 import LOADER_V3_ID, decode_programdata, programdata_address
from ionet.testing import LocalnetProcess, start_localnet_process

MEMO_V2 = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
ROOT = Path(__file__).resolve().parents[2]


def _memo_elf() -> bytes:
    account = LiteSVM().get_account(MEMO_V2)
    assert account is not None
    return bytes(account.data)


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Pubkey]:
    """An Anchor workspace whose one program, ``memo_copy``, is SPL Memo's ELF."""
    deploy = tmp_path / "target" / "deploy"
    deploy.mkdir(parents=True)
    (deploy / "memo_copy.so").write_bytes(_memo_elf())
    program = Keypair()
    (deploy / "memo_copy-keypair.json").write_text(json.dumps(list(bytes(program))))
    (tmp_path / "Anchor.toml").write_text(
        "[programs.localnet]\n"
        f'memo_copy = "{program.pubkey()}"\n'
        f'not_built = "{Keypair().pubkey()}"\n'
        '[provider]\ncluster = "localnet"\nwallet = "~/.config/solana/id.json"\n')
    return tmp_path / "Anchor.toml", program.pubkey()


@pytest.fixture
def wallet() -> Keypair:
    return Keypair()


@pytest.fixture
def processes() -> Iterator[list[LocalnetProcess]]:
    started: list[LocalnetProcess] = []
    yield started
    for p in started:
        p.stop()


def _memo(program: Pubkey, text: str, signer: Pubkey) -> Instruction:
    return Instruction(program, text.encode(), [AccountMeta(signer, True, False)])


async def test_programs_deployed_through_the_upgradeable_loader(
    workspace: tuple[Path, Pubkey], wallet: Keypair, processes: list[LocalnetProcess]
) -> None:
    anchor_toml, program_id = workspace
    proc = start_localnet_process(anchor_toml=anchor_toml, wallet=wallet)
    processes.append(proc)
    assert proc.program_ids == {"memo_copy": program_id}  # not_built is skipped
    cluster = proc.connect()
    try:
        program = await cluster.account(program_id)
        assert program is not None and program.executable and program.owner == LOADER_V3_ID
        data = await cluster.account(programdata_address(program_id))
        assert data is not None
        header = decode_programdata(bytes(data.data))
        assert header.upgrade_authority == wallet.pubkey()
        sent = await cluster.send([_memo(program_id, "deployed", wallet.pubkey())])
        assert any('Memo (len 8): "deployed"' in line for line in sent.logs)
        assert sent.compute_units > 0
    finally:
        await cluster.close()


async def test_ledger_keeps_state_across_restarts(
    workspace: tuple[Path, Pubkey], wallet: Keypair, tmp_path: Path,
    processes: list[LocalnetProcess]
) -> None:
    anchor_toml, program_id = workspace
    ledger = tmp_path / "ledger"
    proc = start_localnet_process(anchor_toml=anchor_toml, wallet=wallet, ledger=ledger)
    processes.append(proc)
    cluster = proc.connect()
    alice = await cluster.new_funded_keypair(3 * 10**9)
    bob = Keypair().pubkey()
    sent = await cluster.send([transfer(TransferParams(from_pubkey=alice.pubkey(),
                                                       to_pubkey=bob, lamports=12345)),
                               _memo(program_id, "before restart", alice.pubkey())],
                              [alice], payer=alice)
    await cluster.advance_time(1000)
    clock_before = await cluster.unix_timestamp()
    slot_before = await cluster.slot()
    genesis = (await cluster.client.get_genesis_hash()).value
    blockhash = (await cluster.client.get_latest_blockhash()).value.blockhash
    await cluster.close()
    assert proc.stop() == 0  # SIGTERM: a clean stop

    proc = start_localnet_process(anchor_toml=anchor_toml, wallet=wallet, ledger=ledger)
    processes.append(proc)
    cluster = proc.connect()
    try:
        assert (await cluster.client.get_genesis_hash()).value == genesis
        assert await cluster.balance(bob) == 12345
        assert await cluster.balance(alice.pubkey()) == 3 * 10**9 - 12345 - 5000
        assert await cluster.slot() > slot_before
        assert await cluster.unix_timestamp() >= clock_before
        got = await cluster.rpc("getTransaction", str(sent.signature), "json")
        assert got["meta"]["postBalances"][1] == 12345
        listed = (await cluster.client.get_signatures_for_address(bob)).value
        assert [s.signature for s in listed] == [sent.signature]
        status = (await cluster.client.get_signature_statuses([sent.signature])).value[0]
        assert status is not None and status.err is None
        # The program is still there (not redeployed: same bytes), and callable.
        again = await cluster.send([_memo(program_id, "after restart", alice.pubkey())],
                                   [alice], payer=alice)
        assert any("after restart" in line for line in again.logs)
        # A blockhash handed out before the restart is still valid.
        assert (await cluster.rpc("isBlockhashValid", str(blockhash)))["value"] is True
        # The same transaction cannot land twice, even across a restart.
        wire = (await cluster.rpc("getTransaction", str(sent.signature),
                                  "base64"))["transaction"][0]
        answer = await cluster.client._provider.session.post(
            cluster.rpc_url, json={"jsonrpc": "2.0", "id": 1, "method": "sendTransaction",
                                   "params": [wire, {"encoding": "base64"}]})
        assert "already been processed" in answer.json()["error"]["message"]
    finally:
        await cluster.close()
    # A crash (SIGKILL) right after a confirmed transaction loses nothing.
    cluster = proc.connect()
    carol = await cluster.new_funded_keypair(7 * 10**9)
    await cluster.close()
    proc.process.kill()
    proc.process.wait()
    proc = start_localnet_process(anchor_toml=anchor_toml, wallet=wallet, ledger=ledger)
    processes.append(proc)
    cluster = proc.connect()
    try:
        assert await cluster.balance(carol.pubkey()) == 7 * 10**9
    finally:
        await cluster.close()
    proc.stop()

    # --reset starts from genesis again.
    proc = start_localnet_process(anchor_toml=anchor_toml, wallet=wallet, ledger=ledger,
                                  reset=True)
    processes.append(proc)
    cluster = proc.connect()
    try:
        assert await cluster.balance(bob) == 0
        assert (await cluster.client.get_genesis_hash()).value != genesis
        assert (await cluster.client.get_signature_statuses([sent.signature])).value[0] is None
        assert proc.program_ids == {"memo_copy": program_id}
    finally:
        await cluster.close()


async def test_changed_program_is_upgraded_on_restart(
    workspace: tuple[Path, Pubkey], wallet: Keypair, tmp_path: Path,
    processes: list[LocalnetProcess]
) -> None:
    anchor_toml, program_id = workspace
    ledger = tmp_path / "ledger"
    processes.append(start_localnet_process(anchor_toml=anchor_toml, wallet=wallet,
                                            ledger=ledger))
    processes[-1].stop()
    # Swap in a different (valid, and larger) program: SPL Token's.
    other = LiteSVM().get_account(Pubkey.from_string(
        "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"))
    assert other is not None
    elf = bytes(other.data)
    (anchor_toml.parent / "target" / "deploy" / "memo_copy.so").write_bytes(elf)
    proc = start_localnet_process(anchor_toml=anchor_toml, wallet=wallet, ledger=ledger)
    processes.append(proc)
    cluster = proc.connect()
    try:
        data = await cluster.account(programdata_address(program_id))
        assert data is not None
        assert bytes(data.data)[45:45 + len(elf)] == elf
    finally:
        await cluster.close()


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "ionet.localnet", "--rpc-port", "0",
                             "--print-endpoints", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_clean_stop_and_startup_time(stop_signal: signal.Signals,
                                     workspace: tuple[Path, Pubkey]) -> None:
    anchor_toml, _ = workspace
    started = time.monotonic()
    wallet_file = anchor_toml.parent / "wallet.json"
    wallet_file.write_text(json.dumps(list(bytes(Keypair()))))
    proc = _spawn("--anchor-toml", str(anchor_toml), "--wallet", str(wallet_file))
    try:
        assert proc.stdout is not None
        endpoints = json.loads(proc.stdout.readline().split(" ", 1)[1])
        answer = httpx.post(endpoints["rpc"], json={"jsonrpc": "2.0", "id": 1,
                                                    "method": "getHealth"}).json()
        elapsed = time.monotonic() - started
        assert answer["result"] == "ok"
        assert elapsed < 2.0, f"first healthy answer after {elapsed:.2f} s"
        proc.send_signal(stop_signal)
        _, err = proc.communicate(timeout=10)
        assert proc.returncode == 0, err
        assert "JSON-RPC http://127.0.0.1:" in err
        assert "stopped" in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_port_in_use_is_a_clear_error(server: LocalnetProcess) -> None:
    port = server.rpc_url.rsplit(":", 1)[1]
    proc = subprocess.run([sys.executable, "-m", "ionet.localnet", "--rpc-port", port,
                           "--no-programs"], capture_output=True, text=True, timeout=30)
    assert proc.returncode != 0
    assert "address already in use" in proc.stderr.lower()
    assert "Traceback" not in proc.stderr
