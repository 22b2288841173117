"""`ionet localnet` reads Anchor.toml's [test.validator], as solana-test-validator gets it
from `anchor test`: accounts cloned from `url` (a second ionet localnet here: the
session's), account files, slots_per_epoch, and bind_address / rpc_port / ledger as the
defaults of its options."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.pubkey import Pubkey

from ionet import onchain_idl
from ionet.deploy import deploy_program
from ionet.loader_v3 import decode_programdata, programdata_address
from ionet.testing import TestCluster, start_localnet_process

ROOT = Path(__file__).resolve().parents[2]
MEMO_V2 = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")


@pytest.fixture
def source(cluster: TestCluster) -> TestCluster:
    if cluster.backend not in ("http", "external"):
        pytest.skip("cloning needs a validator reachable over HTTP")
    return cluster


def _account_file(path: Path, address: Pubkey, data: bytes, owner: Pubkey) -> None:
    """What `solana account ADDRESS --output json` writes."""
    path.write_text(json.dumps({"pubkey": str(address), "account": {
        "lamports": 1_234_567, "data": [base64.b64encode(data).decode(), "base64"],
        "owner": str(owner), "executable": False, "rentEpoch": 0, "space": len(data)}}))


async def test_clone_account_files_and_slots_per_epoch(source: TestCluster,
                                                       tmp_path: Path) -> None:
    elf = (ROOT / "target" / "deploy" / "io_escrow.so").read_bytes()
    program = await deploy_program(source.client, source.wallet, Keypair(), elf)  # upgradeable
    holder = await source.new_funded_keypair(3_000_000_000)
    address, owner = Keypair().pubkey(), Keypair().pubkey()
    _account_file(tmp_path / "account.json", address, b"hello", owner)
    renamed = Keypair().pubkey()
    (tmp_path / "Anchor.toml").write_text(f"""
[test.validator]
url = "{source.rpc_url}"
slots_per_epoch = "64"

[[test.validator.clone]]
address = "{program}"

[[test.validator.clone]]
address = "{holder.pubkey()}"

[[test.validator.account]]
address = "{address}"
filename = "account.json"

[[test.validator.account]]
address = "{renamed}"
filename = "{tmp_path / 'account.json'}"
""")
    process = start_localnet_process(anchor_toml=tmp_path / "Anchor.toml",
                                     extra_args=["--quiet"])
    try:
        clone = process.connect()
        try:
            for key in (program, programdata_address(program), holder.pubkey()):
                mine, theirs = await clone.account(key), await source.account(key)
                assert mine is not None and theirs is not None, key
                assert (mine.data, mine.owner, mine.lamports, mine.executable) == \
                    (theirs.data, theirs.owner, theirs.lamports, theirs.executable)
            for key in (address, renamed):
                loaded = await clone.account(key)
                assert loaded is not None
                assert (bytes(loaded.data), loaded.owner, loaded.lamports) == \
                    (b"hello", owner, 1_234_567)
            assert (await clone.rpc("getEpochSchedule"))["slotsPerEpoch"] == 64
            # The cloned program runs: it creates its IDL account.
            payer = await clone.new_funded_keypair()
            await clone.send([onchain_idl.create(program, payer.pubkey(), 100)], payer=payer)
            assert await clone.account(onchain_idl.idl_address(program)) is not None
        finally:
            await clone.close()
    finally:
        process.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _localnet(cwd: Path, *args: str) -> subprocess.Popen[str]:
    wallet = cwd / "wallet.json"
    wallet.write_text(json.dumps(list(bytes(Keypair()))))
    return subprocess.Popen([sys.executable, "-m", "ionet.localnet", "--wallet", str(wallet),
                             "--print-endpoints", "--quiet", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_bind_address_rpc_port_and_ledger_are_the_option_defaults(tmp_path: Path) -> None:
    port = _free_port()
    (tmp_path / "Anchor.toml").write_text(
        f'[test.validator]\nbind_address = "127.0.0.1"\nrpc_port = {port}\n'
        f'ledger = ".anchor/test-ledger"\n')
    process = _localnet(tmp_path, "--ws-port", "0")
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("ENDPOINTS "), line + (process.stderr.read()
                                                      if process.stderr else "")
        endpoints: dict[str, Any] = json.loads(line[len("ENDPOINTS "):])
        assert endpoints["rpc"] == f"http://127.0.0.1:{port}"
        assert Path(endpoints["ledger"]) == tmp_path / ".anchor" / "test-ledger"
        assert (tmp_path / ".anchor" / "test-ledger").is_dir()
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.parametrize(("entry", "message"), [
    ('[[test.validator.clone]]\naddress = "nope"\n', "clone address: 'nope' is not a public key"),
    (f'[[test.validator.clone]]\naddress = "{Keypair().pubkey()}"\n', "clone needs the url"),
    ('[[test.validator.account]]\naddress = "-"\nfilename = "missing.json"\n',
     "cannot read the account file"),
    ("[test.validator]\nslots_per_epoch = 3\n", "slots_per_epoch: 3 is not between"),
    ('[[test.genesis]]\naddress = "nope"\nprogram = "x.so"\n',
     "[[test.genesis]] address: 'nope' is not a public key"),
    (f'[[test.genesis]]\naddress = "{Keypair().pubkey()}"\nprogram = "missing.so"\n',
     "cannot read the program"),
])
def test_a_bad_test_validator_entry_is_one_clear_line(tmp_path: Path, entry: str,
                                                      message: str) -> None:
    (tmp_path / "Anchor.toml").write_text(entry)
    process = _localnet(tmp_path, "--rpc-port", "0", "--ws-port", "0")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1, out + err
    assert message in err and len(err.strip().splitlines()) == 1, err


async def test_genesis_programs(tmp_path: Path) -> None:
    """``[[test.genesis]]``, as ``anchor test`` hands it to solana-test-validator."""
    memo = LiteSVM().get_account(MEMO_V2)
    assert memo is not None
    (tmp_path / "memo.so").write_bytes(bytes(memo.data))
    fixed, upgradeable = Keypair().pubkey(), Keypair().pubkey()
    (tmp_path / "Anchor.toml").write_text(
        f'[[test.genesis]]\naddress = "{fixed}"\nprogram = "memo.so"\n\n'
        f'[[test.genesis]]\naddress = "{upgradeable}"\nprogram = "memo.so"\n'
        "upgradeable = true\n")
    wallet = Keypair()
    process = start_localnet_process(anchor_toml=tmp_path / "Anchor.toml", wallet=wallet,
                                     extra_args=["--quiet"])
    node = process.connect()
    try:
        for program, authority in ((fixed, Pubkey.default()), (upgradeable, wallet.pubkey())):
            data = await node.account(programdata_address(program))
            assert data is not None
            assert decode_programdata(bytes(data.data)).upgrade_authority == authority
            sent = await node.send([Instruction(program, b"genesis", [])])
            assert any('Memo (len 7): "genesis"' in line for line in sent.logs)
    finally:
        await node.close()
        process.stop()
