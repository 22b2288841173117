from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class SlashArgs(typing.TypedDict):
    bps: int


layout = borsh.CStruct("bps" / borsh.U16)


class SlashAccounts(typing.TypedDict):
    config: Pubkey
    node: Pubkey
    slasher: Pubkey
    stake_vault: Pubkey
    stake_mint: Pubkey
    treasury: Pubkey
    stake_token_program: Pubkey


def slash(
    args: SlashArgs,
    accounts: SlashAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["slasher"], is_signer=True, is_writable=False),
        AccountMeta(pubkey=accounts["stake_vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_mint"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["treasury"], is_signer=False, is_writable=True),
        AccountMeta(
            pubkey=accounts["stake_token_program"], is_signer=False, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\xcc\x8d\x12\xa1\x08\xb1\\\x8e"
    encoded_args = layout.build(
        {
            "bps": args["bps"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
