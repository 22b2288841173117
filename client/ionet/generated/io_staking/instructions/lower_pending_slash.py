from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class LowerPendingSlashAccounts(typing.TypedDict):
    config: Pubkey
    node: Pubkey
    slasher: Pubkey


def lower_pending_slash(
    accounts: LowerPendingSlashAccounts,
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
    identifier = b"\xcf\xfc\x18z\x14B\x19="
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
