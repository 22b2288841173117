from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class RaisePendingSlashAccounts(typing.TypedDict):
    config: Pubkey
    node: Pubkey
    slasher: Pubkey


def raise_pending_slash(
    accounts: RaisePendingSlashAccounts,
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
    identifier = b"h\xd6\x1by\xce\xd1\x01u"
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
