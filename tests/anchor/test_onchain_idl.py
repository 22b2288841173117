"""Our programs answer Anchor's IDL instructions (programs/framework/src/idl.rs) the way
Anchor 0.30's generated `__idl_dispatch` does: each test deploys its own io_escrow (every
program routes to the same framework code) and drives Create, Resize, Write,
CreateBuffer, SetBuffer, SetAuthority and Close through ``ionet.onchain_idl``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from anchorpy import Program
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account

from ionet import onchain_idl
from ionet.deploy import deploy_program
from ionet.testing import SendFailed, TestCluster

ROOT = Path(__file__).resolve().parents[2]
ELF = ROOT / "target" / "deploy" / "io_escrow.so"
SPEC: dict[str, Any] = json.loads((ROOT / "target" / "idl" / "io_escrow.json").read_text())

CONSTRAINT_HAS_ONE = 2001
CONSTRAINT_RAW = 2003
CONSTRAINT_SEEDS = 2006
CONSTRAINT_ZERO = 2013
ACCOUNT_DISCRIMINATOR_MISMATCH = 3002
IDL_INSTRUCTION_INVALID_PROGRAM = 1001
IDL_ACCOUNT_NOT_EMPTY = 1002


class Idl:
    """A fresh io_escrow and a funded IDL authority."""

    def __init__(self, cluster: TestCluster, program_id: Pubkey, authority: Keypair) -> None:
        self.cluster = cluster
        self.program_id = program_id
        self.authority = authority
        self.address = onchain_idl.idl_address(program_id)

    async def send(self, instructions: list[Instruction], signers: list[Keypair] | None = None,
                   what: str = "", payer: Keypair | None = None) -> None:
        await self.cluster.send(instructions, signers or [], payer=payer or self.authority)

    async def fetch(self, address: Pubkey) -> bytes | None:
        account = await self.cluster.account(address)
        return None if account is None else bytes(account.data)

    async def rent(self, size: int) -> int:
        return (await self.cluster.client.get_minimum_balance_for_rent_exemption(size)).value

    async def publish(self, idl: dict[str, Any], authority: Keypair | None = None) -> str:
        signer = authority or self.authority

        async def send(ixs: list[Instruction], signers: list[Keypair], what: str) -> None:
            await self.send(ixs, signers, what, payer=signer)
        return await onchain_idl.publish(self.program_id, idl, signer, send, self.fetch,
                                         self.rent)

    async def stored(self, address: Pubkey | None = None) -> onchain_idl.IdlAccount:
        data = await self.fetch(address or self.address)
        assert data is not None
        return onchain_idl.decode(data)

    async def failure(self, instructions: list[Instruction],
                      signers: list[Keypair] | None = None,
                      payer: Keypair | None = None) -> SendFailed:
        with pytest.raises(SendFailed) as failed:
            await self.send(instructions, signers, payer=payer)
        return failed.value


@pytest.fixture
async def idl(cluster: TestCluster) -> Idl:
    if not ELF.exists():
        pytest.fail(f"{ELF} is missing: run `make build` first")
    program_id = await deploy_program(cluster.client, cluster.wallet, Keypair(), ELF.read_bytes())
    return Idl(cluster, program_id, await cluster.new_funded_keypair())


async def test_publish_creates_upgrades_and_leaves_an_unchanged_idl(idl: Idl) -> None:
    assert await idl.publish(SPEC) == "created"
    account = await idl.cluster.account(idl.address)
    assert account is not None and account.owner == idl.program_id
    stored = await idl.stored()
    assert stored.idl == SPEC and stored.authority == idl.authority.pubkey()
    # anchorpy reads it (its parser knows only the legacy format: the raw JSON here)
    raw = await Program.fetch_raw_idl(idl.program_id, idl.cluster.provider)
    assert json.loads(raw) == SPEC

    changed = {**SPEC, "metadata": {**SPEC["metadata"], "description": "Changed."}}
    assert await idl.publish(changed) == "upgraded"
    assert (await idl.stored()).idl == changed
    assert await idl.publish(changed) == "unchanged"


async def test_an_idl_over_ten_kilobytes_is_created_with_resizes(idl: Idl) -> None:
    # Random docs: ~14 KB compressed, room for twice that: Create and two Resizes.
    big = {**SPEC, "docs": [os.urandom(11_000).hex()]}
    size = len(onchain_idl.compress(big))
    assert size > 10_000
    assert await idl.publish(big) == "created"
    stored = await idl.stored()
    assert stored.idl == big and stored.capacity == 2 * size


async def test_only_the_idl_authority_writes_and_it_can_hand_over(idl: Idl) -> None:
    await idl.publish(SPEC)
    other = await idl.cluster.new_funded_keypair()
    write = onchain_idl.write(idl.program_id, idl.address, other.pubkey(), b"x")
    assert (await idl.failure([write], payer=other)).code == CONSTRAINT_HAS_ONE

    await idl.send([onchain_idl.set_authority(idl.program_id, idl.address,
                                              idl.authority.pubkey(), other.pubkey())])
    assert (await idl.stored()).authority == other.pubkey()
    mine = onchain_idl.write(idl.program_id, idl.address, idl.authority.pubkey(), b"x")
    assert (await idl.failure([mine])).code == CONSTRAINT_HAS_ONE
    assert await idl.publish(SPEC, authority=other) == "unchanged"
    with pytest.raises(PermissionError):
        await idl.publish({**SPEC, "docs": ["new"]})


async def test_create_checks_the_program_and_its_signer_address(idl: Idl) -> None:
    me = idl.authority.pubkey()
    other_program = await deploy_program(idl.cluster.client, idl.cluster.wallet, Keypair(),
                                         ELF.read_bytes())
    wrong_program = onchain_idl.create(idl.program_id, me, 100)
    metas = list(wrong_program.accounts)
    metas[4] = type(metas[4])(other_program, False, False)
    failed = await idl.failure([Instruction(idl.program_id, wrong_program.data, metas)])
    assert failed.code == IDL_INSTRUCTION_INVALID_PROGRAM

    wrong_base = list(wrong_program.accounts)
    wrong_base[2] = type(wrong_base[2])(Keypair().pubkey(), False, False)
    failed = await idl.failure([Instruction(idl.program_id, wrong_program.data, wrong_base)])
    assert failed.code == CONSTRAINT_SEEDS

    await idl.send([onchain_idl.create(idl.program_id, me, 100)])
    stored = await idl.stored()
    assert stored.capacity == 100 and stored.authority == me
    with pytest.raises(SendFailed):  # created once only: the address is in use
        await idl.send([onchain_idl.create(idl.program_id, me, 100)])


async def test_resize_refuses_an_idl_account_that_holds_an_idl(idl: Idl) -> None:
    await idl.publish(SPEC)
    resize = onchain_idl.resize(idl.program_id, idl.address, idl.authority.pubkey(), 20_000)
    assert (await idl.failure([resize])).code == IDL_ACCOUNT_NOT_EMPTY


async def test_set_buffer_needs_a_buffer_of_the_same_authority(idl: Idl) -> None:
    await idl.publish(SPEC)
    other = await idl.cluster.new_funded_keypair()
    buffer = Keypair()
    data = onchain_idl.compress(SPEC)
    space = onchain_idl.HEADER + len(data)
    await idl.send([
        create_account(CreateAccountParams(from_pubkey=other.pubkey(), to_pubkey=buffer.pubkey(),
                                           lamports=await idl.rent(space), space=space,
                                           owner=idl.program_id)),
        onchain_idl.create_buffer(idl.program_id, buffer.pubkey(), other.pubkey()),
    ], [buffer], payer=other)
    assert (await idl.stored(buffer.pubkey())).authority == other.pubkey()
    set_buffer = onchain_idl.set_buffer(idl.program_id, buffer.pubkey(), idl.address,
                                        idl.authority.pubkey())
    assert (await idl.failure([set_buffer])).code == CONSTRAINT_RAW

    # An initialized buffer cannot be initialized again (`#[account(zero)]`).
    again = onchain_idl.create_buffer(idl.program_id, buffer.pubkey(), other.pubkey())
    assert (await idl.failure([again], payer=other)).code == CONSTRAINT_ZERO


async def test_close_returns_the_rent_and_a_closed_idl_can_be_created_again(idl: Idl) -> None:
    await idl.publish(SPEC)
    destination = Keypair().pubkey()
    rent = (await idl.cluster.account(idl.address)).lamports  # type: ignore[union-attr]
    await idl.send([onchain_idl.close(idl.program_id, idl.address, idl.authority.pubkey(),
                                      destination)])
    assert await idl.cluster.account(idl.address) is None
    assert await idl.cluster.balance(destination) == rent
    assert await idl.publish(SPEC) == "created"


async def test_an_account_of_another_type_is_not_an_idl_account(idl: Idl) -> None:
    await idl.publish(SPEC)
    # A buffer-sized account of the program's with no discriminator is not an IdlAccount.
    plain = Keypair()
    await idl.send([create_account(CreateAccountParams(
        from_pubkey=idl.authority.pubkey(), to_pubkey=plain.pubkey(),
        lamports=await idl.rent(100), space=100, owner=idl.program_id))], [plain])
    write = onchain_idl.write(idl.program_id, plain.pubkey(), idl.authority.pubkey(), b"x")
    assert (await idl.failure([write])).code == ACCOUNT_DISCRIMINATOR_MISMATCH
