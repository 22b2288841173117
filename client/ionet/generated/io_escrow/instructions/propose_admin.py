from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from anchorpy.borsh_extension import BorshPubkey
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class ProposeAdminArgs(typing.TypedDict):
    new_admin: Pubkey


layout = borsh.CStruct("new_admin" / BorshPubkey)


class ProposeAdminAccounts(typing.TypedDict):
    config: Pubkey
    admin: Pubkey


def propose_admin(
    args: ProposeAdminArgs,
    accounts: ProposeAdminAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["admin"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"y\xd6\xc7\xd4W'u\xea"
    encoded_args = layout.build(
        {
            "new_admin": args["new_admin"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
