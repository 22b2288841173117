from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class SettleArgs(typing.TypedDict):
    amount: int
    seq: int


layout = borsh.CStruct("amount" / borsh.U64, "seq" / borsh.U64)


class SettleAccounts(typing.TypedDict):
    config: Pubkey
    payment_mint: Pubkey
    escrow: Pubkey
    coordinator: Pubkey
    payout: Pubkey
    vault: Pubkey
    mint: Pubkey
    mint_token_program: Pubkey


def settle(
    args: SettleArgs,
    accounts: SettleAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["payment_mint"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["escrow"], is_signer=False, is_writable=True),
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
    identifier = b"\xaf*\xb9W\x90\x83f\xd4"
    encoded_args = layout.build(
        {
            "amount": args["amount"],
            "seq": args["seq"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
