from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class ClaimRewardsAccounts(typing.TypedDict):
    config: Pubkey
    reward_state: Pubkey
    node: Pubkey
    position: Pubkey
    staker: Pubkey
    staker_token: Pubkey
    reward_vault: Pubkey
    stake_mint: Pubkey
    stake_token_program: Pubkey


def claim_rewards(
    accounts: ClaimRewardsAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["reward_state"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["position"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["staker"], is_signer=True, is_writable=False),
        AccountMeta(pubkey=accounts["staker_token"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["reward_vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_mint"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["stake_token_program"], is_signer=False, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x04\x90\x84Gt\x17\x97P"
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
