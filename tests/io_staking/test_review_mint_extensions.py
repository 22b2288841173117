"""Review item 6: stake mints whose Token-2022 extensions change what a transfer does are
refused at ``initialize``.

Rule (``framework::token::check_mint``): only the extensions of the allow-list (metadata
and group pointers and their data) are accepted; anything else (permanent delegate, mint
close authority, transfer fee, transfer hook, non-transferable, default account state,
confidential transfer, interest-bearing, pausable, ...) fails with
``MintExtensionNotAllowed``. io_staking also refuses a mint with a freeze authority
(``MintFreezeAuthority``): its vaults hold stake for weeks, and a freeze would trap it.

The mints are real Token-2022 mints, their extensions initialized with hand-built
instructions (solana-py has no builders for them). The bundled Token-2022 predates the
pausable extension; the framework's host tests cover its TLV entry.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import replace

import pytest
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import create_associated_token_account
from staking_harness import DECIMALS, SlashCaller, new_deployment

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import StakingProgram
from ionet.testing import SendFailed, TestCluster

MINT_LEN = 82
ACCOUNT_TYPE_OFFSET = 165  # base mint padded to the token account size, then one type byte
INITIALIZE_MINT2 = 20

# name -> (extension data length in the mint, instruction data of its initializer)
EXTENSIONS: dict[str, tuple[int, Callable[[Pubkey], bytes]]] = {
    "mint_close_authority": (32, lambda k: bytes([25, 1]) + bytes(k)),
    "transfer_fee": (108, lambda k: bytes([26, 0, 1]) + bytes(k) + bytes([1]) + bytes(k)
                     + struct.pack("<HQ", 100, 10**9)),
    "confidential_transfer": (65, lambda k: bytes([27, 0]) + bytes(k) + bytes([1])
                              + bytes(32)),
    "default_account_state_frozen": (1, lambda k: bytes([28, 0, 2])),
    "non_transferable": (0, lambda k: bytes([32])),
    "interest_bearing": (52, lambda k: bytes([33, 0]) + bytes(k) + struct.pack("<h", 500)),
    "permanent_delegate": (32, lambda k: bytes([35]) + bytes(k)),
    "transfer_hook": (64, lambda k: bytes([36, 0]) + bytes(k) + bytes(Keypair().pubkey())),
}
METADATA_POINTER = (64, lambda k: bytes([39, 0]) + bytes(k) + bytes(Keypair().pubkey()))


async def _mint(cluster: TestCluster, extensions: list[tuple[int, Callable[[Pubkey], bytes]]],
                *, freeze_authority: Pubkey | None = None,
                token_program: Pubkey = TOKEN_2022_PROGRAM_ID) -> Pubkey:
    """A new mint with ``extensions`` initialized, then ``InitializeMint2``."""
    payer, mint, key = cluster.wallet, Keypair(), Keypair().pubkey()
    size = MINT_LEN
    if extensions:
        size = ACCOUNT_TYPE_OFFSET + 1 + sum(4 + length for length, _ in extensions)
    rent = (await cluster.client.get_minimum_balance_for_rent_exemption(size)).value
    ixs = [create_account(CreateAccountParams(from_pubkey=payer.pubkey(), to_pubkey=mint.pubkey(),
                                              lamports=rent, space=size, owner=token_program))]
    for _, data in extensions:
        ixs.append(Instruction(token_program, data(key), [AccountMeta(mint.pubkey(), False, True)]))
    freeze = bytes([1]) + bytes(freeze_authority) if freeze_authority else bytes([0])
    ixs.append(Instruction(token_program,
                           bytes([INITIALIZE_MINT2, DECIMALS]) + bytes(Keypair().pubkey()) + freeze,
                           [AccountMeta(mint.pubkey(), False, True)]))
    await cluster.send(ixs, [mint])
    return mint.pubkey()


async def _initialize(cluster: TestCluster, elf: bytes, caller: SlashCaller, mint: Pubkey,
                      token_program: Pubkey = TOKEN_2022_PROGRAM_ID) -> StakingProgram:
    """Deploys a program for ``mint`` and sends its ``initialize``."""
    base = await new_deployment(cluster, elf, caller, token_program, initialize=False)
    program = StakingProgram(base.program.program_id, mint, token_program)
    treasury_owner = Keypair().pubkey()
    await cluster.send([create_associated_token_account(cluster.wallet.pubkey(), treasury_owner,
                                                        mint, token_program)])
    settings = replace(base.settings, treasury=program.token_account(treasury_owner))
    await cluster.send([program.initialize(cluster.wallet.pubkey(), base.admin.pubkey(),
                                           settings)])
    return program


async def _refused(cluster: TestCluster, elf: bytes, caller: SlashCaller, mint: Pubkey,
                   error: str, token_program: Pubkey = TOKEN_2022_PROGRAM_ID) -> None:
    """``initialize`` over ``mint`` fails with our error named ``error``."""
    with pytest.raises(SendFailed) as failure:
        await _initialize(cluster, elf, caller, mint, token_program)
    assert failure.value.code == getattr(E, error).code, str(failure.value)


@pytest.mark.parametrize("extension", sorted(EXTENSIONS))
async def test_a_stake_mint_with_a_dangerous_extension_is_refused(
        cluster: TestCluster, staking_elf: bytes, caller: SlashCaller, extension: str) -> None:
    """Attack: initialize io_staking over a Token-2022 mint carrying ``extension`` (a
    permanent delegate emptied the vault in the review; a close authority, fee, hook,
    or frozen default state change what a transfer into or out of the vault does)."""
    # A frozen default state needs a freeze authority to be initialized at all.
    freezer = Keypair().pubkey() if extension == "default_account_state_frozen" else None
    mint = await _mint(cluster, [EXTENSIONS[extension]], freeze_authority=freezer)
    await _refused(cluster, staking_elf, caller, mint, "MintExtensionNotAllowed")


async def test_a_stake_mint_with_a_freeze_authority_is_refused(
        cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> None:
    """Attack: a stake mint whose freeze authority can freeze the stake vault, trapping every
    staker's stake (SPL Token and Token-2022 alike)."""
    freezer = Keypair().pubkey()
    for program in (TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID):
        mint = await _mint(cluster, [], freeze_authority=freezer, token_program=program)
        await _refused(cluster, staking_elf, caller, mint, "MintFreezeAuthority", program)


async def test_a_stake_mint_with_allowed_extensions_is_accepted(
        cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> None:
    """A metadata pointer (how $IO-like Token-2022 mints carry their name) is harmless."""
    mint = await _mint(cluster, [METADATA_POINTER])
    program = await _initialize(cluster, staking_elf, caller, mint)
    config = await program.fetch_config(cluster.client)
    assert config is not None and config.stake_mint == mint
