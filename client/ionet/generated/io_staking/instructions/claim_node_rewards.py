from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from construct import Construct
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class ClaimNodeRewardsArgs(typing.TypedDict):
    cumulative: int
    proof: list[list[int]]


layout = borsh.CStruct(
    "cumulative" / borsh.U64, "proof" / borsh.Vec(typing.cast(Construct, borsh.U8[32]))
)


class ClaimNodeRewardsAccounts(typing.TypedDict):
    config: Pubkey
    reward_state: Pubkey
    node: Pubkey
    reward_vault: Pubkey


def claim_node_rewards(
    args: ClaimNodeRewardsArgs,
    accounts: ClaimNodeRewardsAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["reward_state"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=True),
        AccountMeta(
            pubkey=accounts["reward_vault"], is_signer=False, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x97\xc9\x92\xa1hd\xd6\x01"
    encoded_args = layout.build(
        {
            "cumulative": args["cumulative"],
            "proof": args["proof"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
