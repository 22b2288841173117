from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from .. import types
from ..program_id import PROGRAM_ID


class UpdateConfigArgs(typing.TypedDict):
    params: types.config_params.ConfigParams


layout = borsh.CStruct("params" / types.config_params.ConfigParams.layout)


class UpdateConfigAccounts(typing.TypedDict):
    config: Pubkey
    admin: Pubkey


def update_config(
    args: UpdateConfigArgs,
    accounts: UpdateConfigAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["admin"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x1d\x9e\xfc\xbf\nS\xdbc"
    encoded_args = layout.build(
        {
            "params": args["params"].to_encodable(),
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
