from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from construct import Construct
import borsh_construct as borsh
from .. import types
from ..program_id import PROGRAM_ID


class SettleBatchArgs(typing.TypedDict):
    entries: list[types.settle_entry.SettleEntry]


layout = borsh.CStruct(
    "entries" / borsh.Vec(typing.cast(Construct, types.settle_entry.SettleEntry.layout))
)


class SettleBatchAccounts(typing.TypedDict):
    config: Pubkey
    payment_mint: Pubkey
    node: Pubkey
    coordinator: Pubkey
    payout: Pubkey
    vault: Pubkey
    mint: Pubkey
    mint_token_program: Pubkey


def settle_batch(
    args: SettleBatchArgs,
    accounts: SettleBatchAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["payment_mint"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["coordinator"], is_signer=True, is_writable=False),
        AccountMeta(pubkey=accounts["payout"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["mint"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["mint_token_program"], is_signer=False, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"\x16\x02\x15\xdf\xe1z\xa3\xd6"
    encoded_args = layout.build(
        {
            "entries": list(map(lambda item: item.to_encodable(), args["entries"])),
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
