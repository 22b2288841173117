from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class StartCooldownAccounts(typing.TypedDict):
    config: Pubkey
    node: Pubkey
    position: Pubkey


def start_cooldown(
    accounts: StartCooldownAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["position"], is_signer=False, is_writable=True),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x00\xabS\xb8U`\x12\xa6"
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
