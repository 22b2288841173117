"""anchor-cli 0.30.1 works on the workspace and against ionet localnet: `anchor keys
list`, `anchor idl type` (our committed target/types), and `anchor idl init | upgrade |
fetch | authority | set-authority` on a fresh io_escrow."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from solders.keypair import Keypair
from solders.pubkey import Pubkey

sys.path.insert(0, str(Path(__file__).parent))

from anchor_cli import ROOT, anchor, on_cluster

from ionet import onchain_idl
from ionet.deploy import deploy_program
from ionet.testing import TestCluster

PROGRAMS = sorted(p.parent.name for p in (ROOT / "programs").glob("*/idl.json"))


def test_keys_list_prints_the_program_ids_of_anchor_toml() -> None:
    ids = tomllib.loads((ROOT / "Anchor.toml").read_text())["programs"]["localnet"]
    listed = dict(line.split(": ") for line in anchor("keys", "list").splitlines())
    assert listed == ids
    assert sorted(listed) == PROGRAMS


@pytest.mark.parametrize("program", PROGRAMS)
def test_idl_type_agrees_with_target_types(program: str) -> None:
    printed = anchor("idl", "type", f"target/idl/{program}.json")
    committed = (ROOT / "target" / "types" / f"{program}.ts").read_text()
    assert printed.rstrip("\n") == committed.rstrip("\n")


@pytest.fixture
def http_url(cluster: TestCluster) -> str:
    if cluster.backend not in ("http", "external"):
        pytest.skip("anchor-cli needs a validator reachable over HTTP")
    return cluster.rpc_url


async def test_idl_init_upgrade_fetch_and_authority(cluster: TestCluster, http_url: str,
                                                    tmp_path: Path) -> None:
    elf = (ROOT / "target" / "deploy" / "io_escrow.so").read_bytes()
    program_id = str(await deploy_program(cluster.client, cluster.wallet, Keypair(), elf))
    authority = await cluster.new_funded_keypair()
    wallet = tmp_path / "wallet.json"
    wallet.write_text(json.dumps(list(bytes(authority))))
    flags = on_cluster(http_url, wallet)
    spec: dict[str, Any] = json.loads((ROOT / "target" / "idl" / "io_escrow.json").read_text())

    # It panicked with "index out of bounds" while getRecentPrioritizationFees answered [].
    created = anchor("idl", "init", *flags, "-f", "target/idl/io_escrow.json", program_id)
    assert f"Idl account created: {onchain_idl.idl_address(Pubkey.from_string(program_id))}" \
        in created
    assert json.loads(anchor("idl", "fetch", *flags, program_id)) == spec

    changed = {**spec, "metadata": {**spec["metadata"], "description": "Upgraded."}}
    path = tmp_path / "io_escrow.json"
    path.write_text(json.dumps(changed))
    assert "successfully upgraded" in anchor("idl", "upgrade", *flags, "-f", str(path),
                                             program_id)
    assert json.loads(anchor("idl", "fetch", *flags, program_id)) == changed

    assert anchor("idl", "authority", *flags, program_id).split() == [str(authority.pubkey())]
    successor = Keypair().pubkey()
    anchor("idl", "set-authority", *flags, "--program-id", program_id, "--new-authority",
           str(successor))
    assert anchor("idl", "authority", *flags, program_id).split() == [str(successor)]


async def test_localnet_deploys_the_workspace_programs_with_their_idls(
        cluster: TestCluster, http_url: str) -> None:
    """As `anchor deploy` does, the Anchor.toml programs of `ionet localnet` have their
    IDL on chain, the wallet as IDL authority: `anchor idl fetch` reads it."""
    for name in PROGRAMS:
        program_id = cluster.program_ids[name]
        spec = json.loads((ROOT / "target" / "idl" / f"{name}.json").read_text())
        fetched = json.loads(anchor("idl", "fetch", "--provider.cluster", http_url,
                                    str(program_id)))
        assert fetched == {**spec, "address": str(program_id)}
        account = await cluster.account(onchain_idl.idl_address(program_id))
        assert account is not None
        assert onchain_idl.decode(bytes(account.data)).authority == cluster.wallet.pubkey()
