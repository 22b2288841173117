from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.system_program import ID as SYS_PROGRAM_ID
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class ProposeSlashArgs(typing.TypedDict):
    seq: int
    offense: int
    bps: int
    evidence_hash: list[int]


layout = borsh.CStruct(
    "seq" / borsh.U64,
    "offense" / borsh.U8,
    "bps" / borsh.U16,
    "evidence_hash" / borsh.U8[32],
)


class ProposeSlashAccounts(typing.TypedDict):
    config: Pubkey
    record: Pubkey
    proposal: Pubkey
    node: Pubkey
    reporter: Pubkey
    slasher: Pubkey
    staking_program: Pubkey
    staking_config: Pubkey


def propose_slash(
    args: ProposeSlashArgs,
    accounts: ProposeSlashAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["record"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["proposal"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["reporter"], is_signer=True, is_writable=True),
        AccountMeta(pubkey=accounts["slasher"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["staking_program"], is_signer=False, is_writable=False
        ),
        AccountMeta(
            pubkey=accounts["staking_config"], is_signer=False, is_writable=False
        ),
        AccountMeta(pubkey=SYS_PROGRAM_ID, is_signer=False, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\xc6\x90\x801HNJv"
    encoded_args = layout.build(
        {
            "seq": args["seq"],
            "offense": args["offense"],
            "bps": args["bps"],
            "evidence_hash": args["evidence_hash"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
