from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class ApplyConfigAccounts(typing.TypedDict):
    config: Pubkey


def apply_config(
    accounts: ApplyConfigAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True)
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"y*5\x083\x96i\xf9"
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
