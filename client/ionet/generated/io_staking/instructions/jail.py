from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class JailArgs(typing.TypedDict):
    until: int


layout = borsh.CStruct("until" / borsh.I64)


class JailAccounts(typing.TypedDict):
    config: Pubkey
    node: Pubkey
    slasher: Pubkey


def jail(
    args: JailArgs,
    accounts: JailAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["slasher"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x1d\x07\xb6\x15R\xaaZ\xbf"
    encoded_args = layout.build(
        {
            "until": args["until"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
