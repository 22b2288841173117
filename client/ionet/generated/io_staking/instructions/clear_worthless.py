from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class ClearWorthlessAccounts(typing.TypedDict):
    node: Pubkey
    position: Pubkey
    staker: Pubkey


def clear_worthless(
    accounts: ClearWorthlessAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["position"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["staker"], is_signer=False, is_writable=True),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x9c\xd5\xd4\rR\x1f=S"
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
