from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from anchorpy.borsh_extension import BorshPubkey
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class RemoveReporterArgs(typing.TypedDict):
    reporter: Pubkey


layout = borsh.CStruct("reporter" / BorshPubkey)


class RemoveReporterAccounts(typing.TypedDict):
    config: Pubkey
    admin: Pubkey


def remove_reporter(
    args: RemoveReporterArgs,
    accounts: RemoveReporterAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["admin"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b'\xa5\xe5\x8c\xd2(\x18\x1b"'
    encoded_args = layout.build(
        {
            "reporter": args["reporter"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
