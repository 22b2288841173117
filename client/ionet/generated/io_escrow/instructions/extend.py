from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class ExtendArgs(typing.TypedDict):
    expires_at: int


layout = borsh.CStruct("expires_at" / borsh.I64)


class ExtendAccounts(typing.TypedDict):
    escrow: Pubkey
    customer: Pubkey


def extend(
    args: ExtendArgs,
    accounts: ExtendAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["escrow"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["customer"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\xe4\x7f\x00\x01\xe3\x9a6\xa8"
    encoded_args = layout.build(
        {
            "expires_at": args["expires_at"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
