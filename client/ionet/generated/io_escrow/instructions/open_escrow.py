from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.system_program import ID as SYS_PROGRAM_ID
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class OpenEscrowArgs(typing.TypedDict):
    job_id: int
    amount: int
    rate_per_second: int
    min_charge: int
    expires_at: int


layout = borsh.CStruct(
    "job_id" / borsh.U64,
    "amount" / borsh.U64,
    "rate_per_second" / borsh.U64,
    "min_charge" / borsh.U64,
    "expires_at" / borsh.I64,
)


class OpenEscrowAccounts(typing.TypedDict):
    config: Pubkey
    payment_mint: Pubkey
    escrow: Pubkey
    staking_config: Pubkey
    node: Pubkey
    payout: Pubkey
    customer: Pubkey
    customer_token: Pubkey
    vault: Pubkey
    mint: Pubkey
    mint_token_program: Pubkey


def open_escrow(
    args: OpenEscrowArgs,
    accounts: OpenEscrowAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["payment_mint"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["escrow"], is_signer=False, is_writable=True),
        AccountMeta(
            pubkey=accounts["staking_config"], is_signer=False, is_writable=False
        ),
        AccountMeta(pubkey=accounts["node"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["payout"], is_signer=False, is_writable=False),
        AccountMeta(pubkey=accounts["customer"], is_signer=True, is_writable=True),
        AccountMeta(
            pubkey=accounts["customer_token"], is_signer=False, is_writable=True
        ),
        AccountMeta(pubkey=accounts["vault"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["mint"], is_signer=False, is_writable=False),
        AccountMeta(
            pubkey=accounts["mint_token_program"], is_signer=False, is_writable=False
        ),
        AccountMeta(pubkey=SYS_PROGRAM_ID, is_signer=False, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"R\xb2\x9b\xfdJ)\xa1\xdb"
    encoded_args = layout.build(
        {
            "job_id": args["job_id"],
            "amount": args["amount"],
            "rate_per_second": args["rate_per_second"],
            "min_charge": args["min_charge"],
            "expires_at": args["expires_at"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
