from __future__ import annotations
import typing
from solders.pubkey import Pubkey
from solders.instruction import Instruction, AccountMeta
import borsh_construct as borsh
from ..program_id import PROGRAM_ID


class ProposeFeesArgs(typing.TypedDict):
    customer_fee_bps: int
    supplier_fee_bps: int


layout = borsh.CStruct("customer_fee_bps" / borsh.U16, "supplier_fee_bps" / borsh.U16)


class ProposeFeesAccounts(typing.TypedDict):
    config: Pubkey
    admin: Pubkey


def propose_fees(
    args: ProposeFeesArgs,
    accounts: ProposeFeesAccounts,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: typing.Optional[typing.List[AccountMeta]] = None,
) -> Instruction:
    keys: list[AccountMeta] = [
        AccountMeta(pubkey=accounts["config"], is_signer=False, is_writable=True),
        AccountMeta(pubkey=accounts["admin"], is_signer=True, is_writable=False),
    ]
    if remaining_accounts is not None:
        keys += remaining_accounts
    identifier = b"F:\xda\xdb!T\xd7\xc6"
    encoded_args = layout.build(
        {
            "customer_fee_bps": args["customer_fee_bps"],
            "supplier_fee_bps": args["supplier_fee_bps"],
        }
    )
    data = identifier + encoded_args
    return Instruction(program_id, data, keys)
