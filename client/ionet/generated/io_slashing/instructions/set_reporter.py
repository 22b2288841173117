from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from anchorpy.borsh_extension import BorshPubkey
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class SetReporterArgs(typing.TypedDict):
    reporter: Pubkey
    enabled: bool


layout = borsh.CStruct("reporter" / BorshPubkey, "enabled" / borsh.Bool)


class SetReporterAccounts(typing.TypedDict):
    config: Pubkey
    admin: Pubkey


def set_reporter(
    args: SetReporterArgs,
    accounts: SetReporterAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["admin"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"Uj\x9a\x12\xfc2\x90\xbd"
    encoded_args = layout.build(
        {
            "reporter": args["reporter"],
            "enabled": args["enabled"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
