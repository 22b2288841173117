from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class SetPausedArgs(typing.TypedDict):
    paused: bool


layout = borsh.CStruct("paused" / borsh.Bool)


class SetPausedAccounts(typing.TypedDict):
    config: Pubkey
    admin: Pubkey


def set_paused(
    args: SetPausedArgs,
    accounts: SetPausedAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["admin"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"[<}\xc0\xb0\xe1\xa6\xda"
    encoded_args = layout.build(
        {
            "paused": args["paused"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
