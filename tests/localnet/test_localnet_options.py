"""``ionet localnet``'s solana-test-validator options (genesis programs and accounts,
clones from a second ionet localnet, warp slot, epoch length, faucet, --log), its line per
transaction and status line, and its one-line answer to every bad input."""

from __future__ import annotations

import base64
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

from ionet.deploy import deploy_program
from ionet.loader_v3 import LOADER_V3_ID, decode_programdata, programdata_address
from ionet.localnet.console import transaction_line
from ionet.localnet.records import TxRecord
from ionet.testing import LocalnetProcess, TestCluster, start_localnet_process

MEMO_V2 = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
SYSTEM = Pubkey.from_string("11111111111111111111111111111111")


def _memo_elf() -> bytes:
    account = LiteSVM().get_account(MEMO_V2)
    assert account is not None
    return bytes(account.data)


def _memo(program: Pubkey, text: str, signer: Pubkey) -> Instruction:
    return Instruction(program, text.encode(), [AccountMeta(signer, True, False)])


def _keypair_file(path: Path, keypair: Keypair) -> Path:
    path.write_text(json.dumps(list(bytes(keypair))))
    return path


async def test_genesis_options(server: LocalnetProcess, cluster: TestCluster,
                               tmp_path: Path) -> None:
    elf = tmp_path / "memo.so"
    elf.write_bytes(_memo_elf())
    fixed, upgradeable, authority = Keypair(), Keypair(), Keypair()
    # A second node to clone from: the session's, with an upgradeable program on it.
    source_program = await deploy_program(cluster.client, cluster.wallet, Keypair(),
                                          elf.read_bytes())
    holder = await cluster.new_funded_keypair(2_000_000_000)
    address, owner = Keypair().pubkey(), Keypair().pubkey()
    (tmp_path / "account.json").write_text(json.dumps({"pubkey": str(address), "account": {
        "lamports": 4242, "data": [base64.b64encode(b"data").decode(), "base64"],
        "owner": str(owner), "executable": False, "rentEpoch": 0, "space": 4}}))
    ledger = tmp_path / "ledger"
    proc = start_localnet_process(ledger=ledger, extra_args=[
        "--quiet", "--log",
        "--bpf-program", str(_keypair_file(tmp_path / "fixed.json", fixed)), str(elf),
        "--upgradeable-program", str(upgradeable.pubkey()), str(elf),
        str(_keypair_file(tmp_path / "authority.json", authority)),
        "--account", "-", str(tmp_path / "account.json"),
        "-u", server.rpc_url, "--clone", str(holder.pubkey()),
        "--clone-upgradeable-program", str(source_program),
        "--warp-slot", "5000", "--slots-per-epoch", "64", "--faucet-sol", "1234.5"])
    node = proc.connect()
    try:
        faucet = (await node.rpc("ionet_info"))["faucet"]
        assert await node.balance(Pubkey.from_string(faucet)) == 1_234_500_000_000
        assert (await node.rpc("getEpochSchedule"))["slotsPerEpoch"] == 64
        assert await node.slot() >= 5000
        assert await node.rpc("getFirstAvailableBlock") == 5000
        early = await node.client._provider.session.post(node.rpc_url, json={
            "jsonrpc": "2.0", "id": 1, "method": "getBlock", "params": [4999]})
        assert early.json()["error"] == {"code": -32001, "message": (
            "Block 4999 cleaned up, does not exist on node. First available block: 5000")}
        # Both programs are loader-v3 programs, the first with no usable authority.
        for program, expected in ((fixed.pubkey(), SYSTEM),
                                  (upgradeable.pubkey(), authority.pubkey())):
            account = await node.account(program)
            assert account is not None and account.executable
            assert account.owner == LOADER_V3_ID
            data = await node.account(programdata_address(program))
            assert data is not None
            assert decode_programdata(bytes(data.data)).upgrade_authority == expected
        payer = await node.new_funded_keypair()
        for program in (fixed.pubkey(), upgradeable.pubkey(), source_program):
            sent = await node.send([_memo(program, "genesis", payer.pubkey())], payer=payer)
            assert any('Memo (len 7): "genesis"' in line for line in sent.logs)
        loaded = await node.account(address)
        assert loaded is not None and (bytes(loaded.data), loaded.owner, loaded.lamports) == \
            (b"data", owner, 4242)
        assert await node.balance(holder.pubkey()) == 2_000_000_000
        # --log: every transaction's program logs in validator.log under the ledger.
        log = (ledger / "validator.log").read_text()
        assert f"transaction {sent.signature}" in log
        assert 'Memo (len 7): "genesis"' in log
    finally:
        await node.close()
        proc.stop()


@pytest.mark.parametrize("mode", ["terminal", "pipe", "quiet"])
def test_a_line_per_transaction_and_a_status_line(tmp_path: Path, mode: str) -> None:
    """Every transaction in one line; on a terminal (a pseudo-terminal here) also a status
    line kept at the bottom; with --quiet, nothing."""
    master, slave = pty.openpty()
    wallet = _keypair_file(tmp_path / "wallet.json", Keypair())
    proc = subprocess.Popen(
        [sys.executable, "-m", "ionet.localnet", "--no-programs", "--rpc-port", "0",
         "--ws-port", "0", "--wallet", str(wallet), "--print-endpoints",
         *(["--quiet"] if mode == "quiet" else [])],
        stdout=subprocess.PIPE, stderr=slave if mode == "terminal" else subprocess.PIPE,
        text=True)
    os.close(slave)
    try:
        assert proc.stdout is not None
        url = json.loads(proc.stdout.readline().split(" ", 1)[1])["rpc"]
        payer = Keypair()
        airdrop = _call(url, "requestAirdrop", str(payer.pubkey()), 10**9)
        blockhash = Hash.from_string(_call(url, "getLatestBlockhash")["value"]["blockhash"])
        too_much = transfer(TransferParams(from_pubkey=payer.pubkey(),
                                           to_pubkey=Keypair().pubkey(), lamports=10**12))
        failing = Transaction([payer], Message.new_with_blockhash(
            [too_much], payer.pubkey(), blockhash), blockhash)
        _call(url, "sendTransaction", base64.b64encode(bytes(failing)).decode(),
              {"encoding": "base64", "skipPreflight": True})
        if mode == "terminal":
            output = _read_until(master, r"transactions 2 \|")
            assert re.search(r"slot \d+ \| epoch \d+ \| transactions 2 \| "
                             r"wallet ◎1,000,000\.0000", output), output
        else:
            proc.terminate()
            output = proc.communicate(timeout=10)[1]
            assert "| transactions" not in output  # no status line off a terminal
        if mode == "quiet":
            assert output == "", output
            return
        assert re.search(rf"{airdrop} ok 150 CU", output), output
        assert re.search(rf"{failing.signatures[0]} failed 150 CU: Error processing "
                         r"Instruction 0: custom program error: 0x1 \(program 1{32}\)", output)
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(10)
        os.close(master)


def _call(url: str, method: str, *params: object) -> Any:
    answer = httpx.post(url, json={"jsonrpc": "2.0", "id": 1, "method": method,
                                   "params": list(params)}).json()
    return answer["result"]


def _read_until(fd: int, pattern: str, timeout: float = 10.0) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while not re.search(pattern, seen):
        if time.monotonic() > deadline:
            raise AssertionError(f"no {pattern!r} in {seen!r}")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            seen += os.read(fd, 65536).decode(errors="replace")
    return seen


BAD_INPUTS = [
    (["--rpc-port", "70000"], "argument --rpc-port: 70000 is not a port (0-65535)"),
    (["--ws-port", "-1"], "argument --ws-port: -1 is not a port (0-65535)"),
    (["--ledger", "{tmp}/ledger-file"], "is a file, not a directory"),
    (["--ledger", "{tmp}/corrupt"], "is not an ionet localnet ledger"),
    (["--wallet", "{tmp}/missing.json"], "cannot read the wallet file"),
    (["--wallet", "{tmp}/short.json"], "is not a wallet file"),
    (["--wallet", "{tmp}/garbage.json"], "is not a wallet file"),
    (["--slot-ms", "0"], "argument --slot-ms: 0 must be more than 0"),
    (["--slot-ms", "-5"], "argument --slot-ms: -5 must be more than 0"),
    (["--anchor-toml", "{tmp}/Missing.toml"], "Missing.toml: no such file"),
    (["--clone", str(Keypair().pubkey())], "--clone needs -u/--url"),
    (["--bpf-program", "nope", "{tmp}/x.so"], "--bpf-program: 'nope' is neither"),
    (["--bpf-program", str(Keypair().pubkey()), "{tmp}/x.so"], "cannot read the program"),
    (["--faucet-sol", "0.0000000001"], "at most 9 decimals"),
    (["--slots-per-epoch", "8"], "8 is not between 32"),
    (["--history-limit", "-1"], "argument --history-limit: -1 must be 0 or more"),
    (["--bind", "999.0.0.1"], "cannot listen on 999.0.0.1"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUTS,
                         ids=[" ".join(a[:1]) + f"-{i}" for i, (a, _) in enumerate(BAD_INPUTS)])
def test_every_bad_input_is_one_clear_line(tmp_path: Path, args: list[str],
                                           message: str) -> None:
    (tmp_path / "ledger-file").write_text("not a directory")
    (tmp_path / "corrupt").mkdir()
    (tmp_path / "corrupt" / "ledger.log").write_bytes(os.urandom(300))
    (tmp_path / "short.json").write_text("[1, 2, 3]")
    (tmp_path / "garbage.json").write_text("{nope")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--anchor-toml" not in args:
        args = ["--no-programs", *args]
    run = subprocess.run([sys.executable, "-m", "ionet.localnet", "--rpc-port", "0",
                          "--ws-port", "0", *args], capture_output=True, text=True,
                         timeout=60, cwd=tmp_path)
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], run.stderr
    assert lines[0].startswith("ionet localnet: ")


def test_cloning_a_non_program_as_one_is_refused(server: LocalnetProcess,
                                                 tmp_path: Path) -> None:
    wallet = _keypair_file(tmp_path / "w.json", Keypair())
    faucet = _call(server.rpc_url, "getIdentity")["identity"]
    run = subprocess.run([sys.executable, "-m", "ionet.localnet", "--no-programs",
                          "--rpc-port", "0", "--wallet", str(wallet), "-u", server.rpc_url,
                          "--clone-upgradeable-program", faucet],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr.strip() == (f"ionet localnet: cannot clone {faucet} as an upgradeable "
                                  f"program: it is not one (owner {SYSTEM})")


def test_the_transaction_line_names_the_innermost_failure() -> None:
    """A CPI's failure fails its caller too: the line names the callee and the Anchor
    error the logs report."""
    payer, outer, inner = Keypair(), Keypair().pubkey(), Keypair().pubkey()
    message = Message.new_with_blockhash([Instruction(outer, b"", [])], payer.pubkey(),
                                         Hash.default())
    tx = Transaction([payer], message, Hash.default())
    logs = [f"Program {outer} invoke [1]", f"Program {inner} invoke [2]",
            "Program log: AnchorError occurred. Error Code: CostakeCapExceeded. "
            "Error Number: 6018. Error Message: over the cap.",
            f"Program {inner} failed: custom program error: 0x1782",
            f"Program {outer} failed: custom program error: 0x1782"]
    record = TxRecord(signature=tx.signatures[0], slot=7, block_time=0, raw=bytes(tx),
                      keys=list(message.account_keys), n_loaded_writable=0,
                      n_loaded_readonly=0,
                      err={"InstructionError": [0, {"Custom": 6018}]}, fee=5000,
                      pre_balances=[], post_balances=[], logs=logs, compute_units=4321,
                      inner=[], return_data=None)
    assert transaction_line(record) == (
        f"{tx.signatures[0]} failed 4,321 CU: Error processing Instruction 0: custom program "
        f"error: 0x1782 (program {inner}) CostakeCapExceeded (6018)")
    record.err, record.logs = None, []
    assert transaction_line(record) == f"{tx.signatures[0]} ok 4,321 CU"
