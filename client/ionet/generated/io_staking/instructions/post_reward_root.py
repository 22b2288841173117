from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class PostRewardRootArgs(typing.TypedDict):
    epoch: int
    root: list[int]
    total: int


layout = borsh.CStruct("epoch" / borsh.U64, "root" / borsh.U8[32], "total" / borsh.U64)


class PostRewardRootAccounts(typing.TypedDict):
    config: Pubkey
    reward_state: Pubkey
    reward_vault: Pubkey
    reward_authority: Pubkey


def post_reward_root(
    args: PostRewardRootArgs,
    accounts: PostRewardRootAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["reward_state"], is_signer=False, is_writable=True),
        AccountMeta(
            pubkey=accounts["reward_vault"], is_signer=False, is_writable=False
        ),
        AccountMeta(
            pubkey=accounts["reward_authority"], is_signer=True, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x0b\x84\x03\xd6\x97[b\x0b"
    encoded_args = layout.build(
        {
            "epoch": args["epoch"],
            "root": args["root"],
            "total": args["total"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
