"""`initialize` of io_escrow and io_slashing: only the program's upgrade authority may
create the config, once, at its canonical address. (io_staking's initialize takes more
accounts and has its own tests in tests/io_staking.)"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer

from ionet import loader_v3
from ionet.deploy import deploy_program
from ionet.events import decode_events
from ionet.generated import io_escrow, io_slashing
from ionet.generated.io_escrow import accounts as escrow_accounts
from ionet.generated.io_escrow import instructions as escrow_instructions
from ionet.generated.io_escrow import types as escrow_types
from ionet.generated.io_escrow.errors import anchor as A
from ionet.generated.io_escrow.errors import custom as E
from ionet.generated.io_slashing import accounts as slashing_accounts
from ionet.generated.io_slashing import instructions as slashing_instructions
from ionet.slashing import SlashingSettings
from ionet.testing import ProgramErrorSpec, SendFailed, TestCluster, assert_program_error

ROOT = Path(__file__).resolve().parents[2]

PROGRAMS: dict[str, tuple[ModuleType, type]] = {
    "io_escrow": (escrow_instructions, escrow_accounts.EscrowConfig),
    "io_slashing": (slashing_instructions, slashing_accounts.SlashingConfig),
}
assert io_escrow and io_slashing  # the generated packages import
# Arguments besides `admin`: io_slashing's staking program (any key will do here) and its
# settings.
# What each initialize takes besides the admin (any valid values).
EXTRA_ARGS: dict[str, dict[str, object]] = {
    "io_slashing": {"staking_program": Pubkey.default(),
                    "params": SlashingSettings.default().to_params()},
    "io_escrow": {"params": escrow_types.InitParams(
        coordinator=Pubkey.default(), treasury=Pubkey.default(),
        staking_program=Pubkey.default(), customer_fee_bps=25, supplier_fee_bps=25,
        fee_delay_secs=0, refund_grace_secs=0)},
}


@dataclass
class Fresh:
    name: str
    program_id: Pubkey
    authority: Keypair
    config: Pubkey

    def initialize(self, admin: Pubkey, authority: Pubkey | None = None,
                   config: Pubkey | None = None,
                   program_data: Pubkey | None = None) -> Instruction:
        instructions, _ = PROGRAMS[self.name]
        return instructions.initialize(
            {"admin": admin, **EXTRA_ARGS.get(self.name, {})},  # type: ignore[arg-type]
            {"config": config or self.config,
             "authority": authority or self.authority.pubkey(),
             "program_data": program_data or loader_v3.programdata_address(self.program_id)},
            program_id=self.program_id,
        )


@pytest.fixture(params=sorted(PROGRAMS))
async def fresh(cluster: TestCluster, request: pytest.FixtureRequest) -> Fresh:
    """A new deployment of the program, its upgrade authority a fresh funded keypair."""
    authority = await cluster.new_funded_keypair()
    elf = (ROOT / "target" / "deploy" / f"{request.param}.so").read_bytes()
    program_id = await deploy_program(cluster.client, authority, Keypair(), elf)
    config, _ = Pubkey.find_program_address([b"config"], program_id)
    return Fresh(request.param, program_id, authority, config)


async def expect_error(cluster: TestCluster, ix: Instruction, signers: list[Keypair],
                       error: ProgramErrorSpec) -> None:
    """``ix`` fails with exactly ``error``: code, name, message, instruction 0, this
    program."""
    with pytest.raises(SendFailed) as failure:
        await cluster.send([ix], signers)
    assert_program_error(failure.value, error, index=0, program_id=ix.program_id)


async def test_initialize_creates_the_config(cluster: TestCluster, fresh: Fresh) -> None:
    admin = Keypair().pubkey()
    sent = await cluster.send([fresh.initialize(admin)], [fresh.authority])

    _, config_type = PROGRAMS[fresh.name]
    account = await cluster.account(fresh.config)
    assert account is not None and account.owner == fresh.program_id
    config = config_type.decode(bytes(account.data))
    assert config.admin == admin and config.version == 1
    assert (fresh.config, config.bump) == Pubkey.find_program_address([b"config"],
                                                                       fresh.program_id)
    [event] = decode_events(fresh.name, fresh.program_id, sent.logs)
    assert event.name == "ConfigInitialized"
    assert event.data.config == fresh.config and event.data.admin == admin


async def test_initialize_rejects_a_signer_that_is_not_the_upgrade_authority(
        cluster: TestCluster, fresh: Fresh) -> None:
    intruder = await cluster.new_funded_keypair()
    ix = fresh.initialize(intruder.pubkey(), authority=intruder.pubkey())
    await expect_error(cluster, ix, [intruder], E.NotUpgradeAuthority)


async def test_initialize_rejects_a_second_call(cluster: TestCluster, fresh: Fresh) -> None:
    await cluster.send([fresh.initialize(Keypair().pubkey())], [fresh.authority])
    await expect_error(cluster, fresh.initialize(Keypair().pubkey()), [fresh.authority],
                       A.AccountDiscriminatorAlreadySet)


async def test_initialize_rejects_another_programs_program_data(
        cluster: TestCluster, fresh: Fresh) -> None:
    other = cluster.program_ids["io_staking"]
    ix = fresh.initialize(Keypair().pubkey(), program_data=loader_v3.programdata_address(other))
    await expect_error(cluster, ix, [fresh.authority], A.ConstraintSeeds)


async def test_initialize_rejects_an_account_that_is_not_program_data(
        cluster: TestCluster, fresh: Fresh) -> None:
    ix = fresh.initialize(Keypair().pubkey(), program_data=Keypair().pubkey())
    await expect_error(cluster, ix, [fresh.authority], A.AccountNotProgramData)


async def test_initialize_rejects_a_non_canonical_config(cluster: TestCluster,
                                                         fresh: Fresh) -> None:
    ix = fresh.initialize(Keypair().pubkey(), config=Keypair().pubkey())
    await expect_error(cluster, ix, [fresh.authority], A.ConstraintSeeds)


async def test_initialize_rejects_a_missing_signature(cluster: TestCluster,
                                                      fresh: Fresh) -> None:
    ix = fresh.initialize(Keypair().pubkey())
    metas = list(ix.accounts)
    metas[1] = AccountMeta(fresh.authority.pubkey(), is_signer=False, is_writable=True)
    payer = await cluster.new_funded_keypair()
    await expect_error(cluster, Instruction(ix.program_id, ix.data, metas), [payer],
                       A.AccountNotSigner)


async def test_initialize_rejects_a_fake_system_program(cluster: TestCluster,
                                                        fresh: Fresh) -> None:
    ix = fresh.initialize(Keypair().pubkey())
    metas = list(ix.accounts)
    metas[3] = AccountMeta(cluster.program_ids["io_staking"], False, False)
    await expect_error(cluster, Instruction(ix.program_id, ix.data, metas), [fresh.authority],
                       A.InvalidProgramId)


async def test_initialize_rejects_the_same_account_twice(cluster: TestCluster,
                                                         fresh: Fresh) -> None:
    ix = fresh.initialize(Keypair().pubkey(), config=fresh.authority.pubkey())
    await expect_error(cluster, ix, [fresh.authority], A.RequireKeysNeqViolated)


async def test_initialize_rejects_unknown_instruction_data(cluster: TestCluster,
                                                           fresh: Fresh) -> None:
    ix = fresh.initialize(Keypair().pubkey())
    await expect_error(cluster, Instruction(ix.program_id, b"\x01" * 8, list(ix.accounts)),
                       [fresh.authority], A.InstructionFallbackNotFound)
    await expect_error(cluster, Instruction(ix.program_id, bytes(ix.data)[:20],
                                            list(ix.accounts)),
                       [fresh.authority], A.InstructionDidNotDeserialize)


async def test_initialize_succeeds_on_a_pre_funded_config(cluster: TestCluster,
                                                          fresh: Fresh) -> None:
    """Sending lamports to the PDA first must not block its creation."""
    griefer = await cluster.new_funded_keypair()
    await cluster.send([transfer(TransferParams(from_pubkey=griefer.pubkey(),
                                                to_pubkey=fresh.config, lamports=5_000))],
                       [griefer])
    await cluster.send([fresh.initialize(Keypair().pubkey())], [fresh.authority])
    account = await cluster.account(fresh.config)
    assert account is not None and account.owner == fresh.program_id
