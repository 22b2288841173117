"""The transactions the actions hand to wallets, and sending what a wallet signed.

An action's transaction is built as ``ionet ... --dump-transaction --fee-payer ACCOUNT``
builds it (:func:`ionet.cli.tx.send`): the wallet's account pays the fee and is the only
signer, the blockhash is the cluster's latest, and a compute unit limit comes from a
simulation (units consumed + 10 %), which also turns a refusal into the program's error
message before the wallet is asked to sign anything.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Any

from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.transaction import Transaction

from ionet.cli.context import Context
from ionet.cli.errors import CliError
from ionet.cli.tx import TxOptions, send, submit

__all__ = ["decode_transaction", "send_signed", "unsigned_transaction"]


async def unsigned_transaction(ctx: Context, payer: Pubkey, instructions: Sequence[Instruction],
                               names: dict[Pubkey, str]) -> str:
    """The base64 serialized, unsigned transaction of ``instructions`` for ``payer``."""
    outcome = await send(ctx, TxOptions(fee_payer=str(payer), dump_transaction=True),
                         instructions, names=names)
    return str(outcome.data["transaction"])


def decode_transaction(text: str) -> Transaction:
    """A base64 serialized legacy transaction, or a one-line error."""
    try:
        return Transaction.from_bytes(base64.b64decode(text, validate=True))
    except (ValueError, binascii.Error):
        raise CliError("transaction is not a base64 serialized Solana transaction") from None


async def send_signed(ctx: Context, tx: Transaction,
                      names: dict[Pubkey, str]) -> dict[str, Any]:
    """Sends a signed transaction and waits for it: signature, slot, compute units,
    explorer link; a failure is a :class:`CliError` naming the program's error."""
    outcome = await submit(ctx, tx, names)
    return outcome.data
