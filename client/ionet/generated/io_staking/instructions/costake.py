from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.system_program import ID as SYS_PROGRAM_ID
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class CostakeArgs(typing.TypedDict):
    amount: int


layout = borsh.CStruct("amount" / borsh.U64)


class CostakeAccounts(typing.TypedDict):
    config: Pubkey
    node: Pubkey
    position: Pubkey
    staker: Pubkey
    staker_token: Pubkey
    stake_vault: Pubkey
    stake_mint: Pubkey
    stake_token_program: Pubkey


def costake(
    args: CostakeArgs,
    accounts: CostakeAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["position"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["staker"], is_signer=True, is_writable=True),
        AccountMeta(pubkey=accounts["staker_token"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_mint"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["stake_token_program"], is_signer=False, is_writable=False
        ),
        AccountMeta(pubkey=SYS_PROGRAM_ID, is_signer=False, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x04\x95\x9a\xe3mG\x90\xa3"
    encoded_args = layout.build(
        {
            "amount": args["amount"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
