from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class ReopenNodeArgs(typing.TypedDict):
    node_id: list[int]
    gpu_count: int
    multiplier_bps: int
    costake_reward_share_bps: int


layout = borsh.CStruct(
    "node_id" / borsh.U8[32],
    "gpu_count" / borsh.U16,
    "multiplier_bps" / borsh.U32,
    "costake_reward_share_bps" / borsh.U16,
)


class ReopenNodeAccounts(typing.TypedDict):
    config: Pubkey
    reward_state: Pubkey
    node: Pubkey
    owner: Pubkey


def reopen_node(
    args: ReopenNodeArgs,
    accounts: ReopenNodeAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["reward_state"], is_signer=False, is_writable=False
        ),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["owner"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"WD;/\x1fk\x94E"
    encoded_args = layout.build(
        {
            "node_id": args["node_id"],
            "gpu_count": args["gpu_count"],
            "multiplier_bps": args["multiplier_bps"],
            "costake_reward_share_bps": args["costake_reward_share_bps"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
