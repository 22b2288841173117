from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class ResolveArgs(typing.TypedDict):
    uphold: bool


layout = borsh.CStruct("uphold" / borsh.Bool)


class ResolveAccounts(typing.TypedDict):
    config: Pubkey
    proposal: Pubkey
    record: Pubkey
    node: Pubkey
    admin: Pubkey
    slasher: Pubkey
    staking_program: Pubkey
    staking_config: Pubkey


def resolve(
    args: ResolveArgs,
    accounts: ResolveAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["proposal"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["record"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["admin"], is_signer=True, is_writable=False),
        AccountMeta(pubkey=accounts["slasher"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["staking_program"], is_signer=False, is_writable=False
        ),
        AccountMeta(
            pubkey=accounts["staking_config"], is_signer=False, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\xf6\x96\xec\xcel?:\n"
    encoded_args = layout.build(
        {
            "uphold": args["uphold"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
