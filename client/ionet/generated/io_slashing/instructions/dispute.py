from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class DisputeArgs(typing.TypedDict):
    counter_evidence_hash: list[int]


layout = borsh.CStruct("counter_evidence_hash" / borsh.U8[32])


class DisputeAccounts(typing.TypedDict):
    config: Pubkey
    proposal: Pubkey
    node: Pubkey
    owner: Pubkey


def dispute(
    args: DisputeArgs,
    accounts: DisputeAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["proposal"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["owner"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\xd8\\\x80\x92\xcaU\x87I"
    encoded_args = layout.build(
        {
            "counter_evidence_hash": args["counter_evidence_hash"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
