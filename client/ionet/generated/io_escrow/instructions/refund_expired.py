from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
from ..program_id import PROGRAM_ID


class RefundExpiredAccounts(typing.TypedDict):
    config: Pubkey
    payment_mint: Pubkey
    escrow: Pubkey
    customer: Pubkey
    customer_token: Pubkey
    vault: Pubkey
    mint: Pubkey
    mint_token_program: Pubkey


def refund_expired(
    accounts: RefundExpiredAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["payment_mint"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["escrow"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["customer"], is_signer=True, is_writable=True),
        AccountMeta(
            pubkey=accounts["customer_token"], is_signer=False, is_writable=True
        ),
        AccountMeta(pubkey=accounts["vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["mint"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["mint_token_program"], is_signer=False, is_writable=False
        ),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"v\x99\xa4\xf4(\x80\xf2\xfa"
    encoded_args = b""
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
