"""`enable_mint`: the admin accepts SPL Token and Token-2022 mints; a Token-2022 mint with
an extension that changes what a transfer does is refused. The extended mints are real,
made with Token-2022's own initialize instructions (built here by hand)."""

from __future__ import annotations

import struct

import pytest
from escrow_harness import IO, EscrowEnv, Mint
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account
from spl.token.constants import TOKEN_2022_PROGRAM_ID

# Token-2022 instruction tags (and sub-tags), and each extension's data length.
INITIALIZE_MINT2 = 20
EXTENSIONS: dict[str, tuple[int, bytes, int]] = {
    # name: (extension type, initialize instruction data, extension length)
    "transfer_fee": (1, bytes([26, 0]) + b"\0" + b"\0" + struct.pack("<HQ", 100, 10**9), 108),
    "close_authority": (3, bytes([25, 1]) + bytes(Pubkey.new_unique()), 32),
    "default_frozen": (6, bytes([28, 0, 2]), 1),
    "non_transferable": (9, bytes([32]), 0),
    "permanent_delegate": (12, bytes([35]) + bytes(Pubkey.new_unique()), 32),
    "transfer_hook": (14, bytes([36, 0]) + bytes(32) + bytes(Pubkey.new_unique()), 64),
    "metadata_pointer": (18, bytes([39, 0]) + bytes(32) + bytes(Pubkey.new_unique()), 64),
}


async def extended_mint(env: EscrowEnv, extension: str) -> Mint:
    """A Token-2022 mint carrying one extension, initialized by Token-2022 itself."""
    _, data, length = EXTENSIONS[extension]
    mint, authority = Keypair(), Keypair()
    space = 165 + 1 + 4 + length
    rent = (await env.cluster.client.get_minimum_balance_for_rent_exemption(space)).value
    payer = env.cluster.wallet.pubkey()
    freeze = bytes([1]) + bytes(authority.pubkey())  # DefaultAccountState needs one
    ixs = [
        create_account(CreateAccountParams(from_pubkey=payer, to_pubkey=mint.pubkey(),
                                           lamports=rent, space=space,
                                           owner=TOKEN_2022_PROGRAM_ID)),
        Instruction(TOKEN_2022_PROGRAM_ID, data, [AccountMeta(mint.pubkey(), False, True)]),
        Instruction(TOKEN_2022_PROGRAM_ID,
                    bytes([INITIALIZE_MINT2, 6]) + bytes(authority.pubkey()) + freeze,
                    [AccountMeta(mint.pubkey(), False, True)]),
    ]
    await env.cluster.send(ixs, [mint])
    info = await env.cluster.account(mint.pubkey())
    assert info is not None and len(bytes(info.data)) == space
    assert struct.unpack_from("<H", bytes(info.data), 166)[0] == EXTENSIONS[extension][0]
    return Mint(mint.pubkey(), TOKEN_2022_PROGRAM_ID, authority, 6)


@pytest.mark.parametrize("extension", sorted(set(EXTENSIONS) - {"metadata_pointer"}))
async def test_enable_mint_refuses_a_hostile_extension(bare_env: EscrowEnv,
                                                       extension: str) -> None:
    mint = await extended_mint(bare_env, extension)
    ix = bare_env.program.enable_mint(bare_env.admin.pubkey(), mint.address,
                                      TOKEN_2022_PROGRAM_ID)
    await bare_env.fails(ix, [bare_env.admin], code=6007, message="MintExtensionNotAllowed")


async def test_enable_mint_accepts_a_harmless_extension_and_plain_mints(
        bare_env: EscrowEnv) -> None:
    env = bare_env
    mint = await extended_mint(env, "metadata_pointer")
    sent = await env.enable(mint, label="enable_mint (token2022)")
    event = env.event(sent, "MintEnabled")
    assert event["vault"] == env.program.vault(mint.address) and event["decimals"] == 6
    books = await env.books(mint)
    assert (books.mint, books.vault, books.token_program) == (
        mint.address, env.program.vault(mint.address), TOKEN_2022_PROGRAM_ID)
    vault = await env.cluster.account(books.vault)
    assert vault is not None and bytes(vault.data)[32:64] == bytes(env.program.config)
    io = env.use_staking_mint()
    await env.enable(io, label="enable_mint (spl)")
    usdc = await env.add_mint("usdc", decimals=6)
    # $IO and a USDC-like mint side by side: one escrow each on the same node.
    supplier = await env.supplier(io, usdc)
    customer = await env.wallet(usdc, 100 * IO)
    await env.open(customer, supplier, usdc, 10 * IO)
    io_customer = await env.staking.wallet(500 * IO)
    await env.open(io_customer, supplier, io, 50 * IO)
    assert (await env.books(io)).open_escrows == 1 and (await env.books(usdc)).open_escrows == 1


async def test_enable_mint_only_by_the_admin_and_once(env: EscrowEnv) -> None:
    intruder = await env.cluster.new_funded_keypair()
    mint = await env.add_mint("other", enable=False)
    await env.fails(env.program.enable_mint(intruder.pubkey(), mint.address), [intruder],
                    code=6001, message="NotAdmin")
    await env.enable(mint)
    await env.fails(env.program.enable_mint(env.admin.pubkey(), mint.address), [env.admin],
                    code=3000)  # already enabled
