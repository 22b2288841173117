from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.system_program import ID as SYS_PROGRAM_ID
from solders.instruction import Instruction, AccountMeta
from anchorpy.borsh_extension import BorshPubkey
import borsh_construct as borsh
from .. import types
from ..program_id import PROGRAM_ID


class InitializeArgs(typing.TypedDict):
    admin: Pubkey
    params: types.config_params.ConfigParams


layout = borsh.CStruct(
    "admin" / BorshPubkey, "params" / types.config_params.ConfigParams.layout
)


class InitializeAccounts(typing.TypedDict):
    config: Pubkey
    reward_state: Pubkey
    stake_vault: Pubkey
    reward_vault: Pubkey
    stake_mint: Pubkey
    treasury: Pubkey
    authority: Pubkey
    program_data: Pubkey
    stake_token_program: Pubkey


def initialize(
    args: InitializeArgs,
    accounts: InitializeAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["reward_state"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["reward_vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["stake_mint"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["treasury"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["authority"], is_signer=True, is_writable=True),
        AccountMeta(
            pubkey=accounts["program_data"], is_signer=False, is_writable=False
        ),
        AccountMeta(
            pubkey=accounts["stake_token_program"], is_signer=False, is_writable=False
        ),
        AccountMeta(pubkey=SYS_PROGRAM_ID, is_signer=False, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\xaf\xafm\x1f\r\x98\x9b\xed"
    encoded_args = layout.build(
        {
            "admin": args["admin"],
            "params": args["params"].to_encodable(),
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
