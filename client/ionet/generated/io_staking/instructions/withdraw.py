from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class WithdrawAccounts(typing.TypedDict):
    config: Pubkey
    node: Pubkey
    position: Pubkey
    staker: Pubkey
    staker_token: Pubkey
    stake_vault: Pubkey
    stake_mint: Pubkey
    stake_token_program: Pubkey


def withdraw(
    accounts: WithdrawAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["position"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["staker"], is_signer=True, is_writable=False),
        AccountMeta(pubkey=accounts["staker_token"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_mint"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["stake_token_program"], is_signer=False, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b'\xb7\x12F\x9c\x94m\xa1"'
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
