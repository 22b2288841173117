"""Building, signing and sending a command's transaction, the ways wallets and multisigs
need (the Solana CLI's offline-signing conventions).

* Live (default): the fee payer's balance is checked, the transaction simulated to set its
  compute unit limit (``units consumed + 10 %`` instead of the default 200 000), sent
  with preflight and confirmed; the result carries the signature, the compute units
  consumed and an explorer link.
* ``--sign-only --blockhash HASH``: sign with the keypairs at hand and print
  ``PUBKEY=SIGNATURE`` for each, and the absent signers; nothing is sent.
* ``--signer PUBKEY=SIGNATURE`` (repeatable, with the same ``--blockhash``): signatures made
  elsewhere, checked against the transaction before it is sent.
* ``--dump-transaction``: print the unsigned transaction (base64 and base58) for a hardware
  wallet or a wallet app.
* ``--print-instructions``: print the instructions alone, for a multisig (Squads) proposal.
* ``--with-compute-unit-price MICROLAMPORTS`` adds a priority fee; ``--compute-unit-limit``
  sets the limit (needed for a limit with ``--blockhash``, where nothing is simulated, so
  that every signer signs the same bytes).
"""

from __future__ import annotations

import asyncio
import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import based58
import click
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.transaction import Transaction

from ionet.cli.context import Context, Signer, parse_pubkey
from ionet.cli.errors import CliError, describe_transaction_error
from ionet.cli.output import emit, key_values

__all__ = [
    "Outcome",
    "TxOptions",
    "authority_option",
    "require_role",
    "send",
    "submit",
    "transaction_options",
]

LAMPORTS_PER_SOL = 1_000_000_000
MAX_COMPUTE_UNITS = 1_400_000
_CONFIRM_SECONDS = 60.0


@dataclass
class TxOptions:
    fee_payer: str | None = None
    sign_only: bool = False
    blockhash: str | None = None
    signers: tuple[str, ...] = ()
    dump_transaction: bool = False
    print_instructions: bool = False
    compute_unit_price: int | None = None
    compute_unit_limit: int | None = None


def transaction_options(func: Any) -> Any:
    """The signing and fee options of every command that writes."""
    options = [
        click.option("--fee-payer", metavar="KEYPAIR|PUBKEY",
                     help="who pays the fee (default: -k); a public key when signing "
                     "offline"),
        click.option("--sign-only", is_flag=True,
                     help="sign with the keypairs given and print the signatures; needs "
                     "--blockhash"),
        click.option("--blockhash", metavar="HASH",
                     help="recent blockhash to sign with (offline signing)"),
        click.option("--signer", "signers", multiple=True, metavar="PUBKEY=SIGNATURE",
                     help="a signature made with --sign-only (repeatable)"),
        click.option("--dump-transaction", is_flag=True,
                     help="print the unsigned transaction (base64, base58) instead of "
                     "sending it"),
        click.option("--print-instructions", is_flag=True,
                     help="print the instruction(s) for a multisig (Squads) proposal "
                     "instead of sending"),
        click.option("--with-compute-unit-price", "compute_unit_price", type=click.IntRange(0),
                     metavar="MICROLAMPORTS", help="priority fee per compute unit"),
        click.option("--compute-unit-limit", type=click.IntRange(1, MAX_COMPUTE_UNITS),
                     metavar="UNITS", help="compute unit limit (default: from simulation; "
                     "none with --blockhash)"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


authority_option = click.option("--authority", metavar="KEYPAIR|PUBKEY",
                                help="the signer holding the role [default: -k]; a public "
                                "key (a multisig vault) with --print-instructions")


def require_role(signer: Signer, holder: Pubkey, role: str) -> None:
    """Refuses, before anything is sent, a signer that does not hold ``role``."""
    if signer.pubkey != holder:
        raise CliError(f"{signer.pubkey} is not the {role} ({holder}); pass --authority")


def tx_options_of(kwargs: dict[str, Any]) -> TxOptions:
    """Pops the options of :func:`transaction_options` out of a command's kwargs."""
    return TxOptions(
        fee_payer=kwargs.pop("fee_payer"), sign_only=kwargs.pop("sign_only"),
        blockhash=kwargs.pop("blockhash"), signers=tuple(kwargs.pop("signers")),
        dump_transaction=kwargs.pop("dump_transaction"),
        print_instructions=kwargs.pop("print_instructions"),
        compute_unit_price=kwargs.pop("compute_unit_price"),
        compute_unit_limit=kwargs.pop("compute_unit_limit"))


@dataclass
class Outcome:
    """What became of a transaction: ``kind`` is ``sent``, ``sign-only``, ``dump`` or
    ``instructions``; ``data`` is its JSON form."""

    kind: str
    data: dict[str, Any]
    logs: list[str] = field(default_factory=list)

    @property
    def sent(self) -> bool:
        return self.kind == "sent"


def _presigned(texts: Sequence[str]) -> dict[Pubkey, Signature]:
    found: dict[Pubkey, Signature] = {}
    for text in texts:
        key, sep, sig = text.partition("=")
        if not sep:
            raise CliError(f"--signer {text!r} is not PUBKEY=SIGNATURE")
        pubkey = parse_pubkey(key, "--signer public key")
        try:
            found[pubkey] = Signature.from_string(sig.strip())
        except ValueError:
            raise CliError(f"--signer {text!r}: {sig!r} is not a base58 signature") from None
    return found


def _instruction_json(ix: Instruction) -> dict[str, Any]:
    data = bytes(ix.data)
    return {
        "programId": str(ix.program_id),
        "accounts": [{"pubkey": str(m.pubkey), "isSigner": m.is_signer,
                      "isWritable": m.is_writable} for m in ix.accounts],
        "data": based58.b58encode(data).decode(),
        "dataBase64": base64.b64encode(data).decode(),
    }


def _program_ids(message: Message) -> list[Pubkey]:
    keys = message.account_keys
    return [keys[ix.program_id_index] for ix in message.instructions]


class _Sender:
    def __init__(self, ctx: Context, opts: TxOptions, names: dict[Pubkey, str]) -> None:
        self.ctx = ctx
        self.opts = opts
        self.names = names

    def fail(self, err: Any, message: Message, logs: Sequence[str] = (),
             prefix: str = "") -> CliError:
        text = describe_transaction_error(err, _program_ids(message), self.names, logs)
        return CliError(prefix + text, logs)

    async def blockhash(self) -> Hash:
        if self.opts.blockhash:
            try:
                return Hash.from_string(self.opts.blockhash)
            except ValueError:
                raise CliError(f"--blockhash {self.opts.blockhash!r} is not a base58 "
                               f"hash") from None
        return (await self.ctx.client.get_latest_blockhash(self.ctx.commitment)
                ).value.blockhash

    async def compute_limit(self, instructions: list[Instruction], payer: Pubkey,
                            blockhash: Hash) -> int | None:
        if self.opts.compute_unit_limit is not None:
            return self.opts.compute_unit_limit
        if self.opts.blockhash:
            return None  # offline: every signer must build the same bytes
        probe = Message.new_with_blockhash(
            [set_compute_unit_limit(MAX_COMPUTE_UNITS), *instructions], payer, blockhash)
        tx = Transaction.new_unsigned(probe)
        value = (await self.ctx.client.simulate_transaction(
            tx, sig_verify=False, commitment=self.ctx.commitment)).value
        if value.err is not None:
            raise self.fail(value.err, probe, value.logs or [], "simulation failed: ")
        units = value.units_consumed or 0
        return min(MAX_COMPUTE_UNITS, max(1_000, math.ceil(units * 1.1)))

    async def check_balance(self, payer: Pubkey, message: Message) -> None:
        balance = (await self.ctx.client.get_balance(payer, self.ctx.commitment)).value
        fee = (await self.ctx.client.get_fee_for_message(message, self.ctx.commitment)
               ).value or 5_000
        if balance < fee:
            raise CliError(f"the fee payer {payer} has {balance / LAMPORTS_PER_SOL:.9g} SOL, "
                           f"less than the {fee / LAMPORTS_PER_SOL:.9g} SOL fee")

    async def confirm(self, signature: Signature, message: Message) -> dict[str, Any]:
        client = self.ctx.client
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _CONFIRM_SECONDS
        wanted = {"processed": 0, "confirmed": 1, "finalized": 2}[str(self.ctx.commitment)]
        while True:
            status = (await client.get_signature_statuses([signature])).value[0]
            if status is not None:
                if status.err is not None:
                    break
                level = status.confirmation_status
                if level is not None and int(level) >= wanted:
                    break
            if loop.time() > deadline:
                raise CliError(f"transaction {signature} was not confirmed within "
                               f"{_CONFIRM_SECONDS:.0f} s")
            await asyncio.sleep(0.2)
        commitment = self.ctx.commitment if str(self.ctx.commitment) == "finalized" \
            else Confirmed
        found = None
        for _ in range(50):
            found = (await client.get_transaction(signature, "json", commitment, 0)).value
            if found is not None:
                break
            await asyncio.sleep(0.2)
        meta = found.transaction.meta if found is not None else None
        logs = list(meta.log_messages or []) if meta is not None else []
        if meta is not None and meta.err is not None:
            raise self.fail(meta.err, message, logs, f"transaction {signature} failed: ")
        return {"signature": str(signature),
                "slot": found.slot if found is not None else None,
                "computeUnits": meta.compute_units_consumed if meta is not None else None,
                "fee": meta.fee if meta is not None else None,
                "explorer": self.ctx.explorer_link(str(signature)),
                "_logs": logs}

    async def run(self, instructions: Sequence[Instruction], signers: Sequence[Signer],
                  extra_keypairs: Sequence[Keypair] = ()) -> Outcome:
        opts = self.opts
        ixs = list(instructions)
        if opts.print_instructions:
            return Outcome("instructions",
                           {"instructions": [_instruction_json(ix) for ix in ixs]})
        if opts.sign_only and not opts.blockhash:
            raise CliError("--sign-only needs --blockhash (get one with `ionet blockhash`), "
                           "so that every signer signs the same transaction")
        fee_payer = self.ctx.signer_arg(opts.fee_payer, "fee payer")
        keypairs: dict[Pubkey, Keypair] = {}
        for signer in [fee_payer, *signers]:
            if signer.keypair is not None:
                keypairs.setdefault(signer.pubkey, signer.keypair)
        for keypair in extra_keypairs:
            keypairs.setdefault(keypair.pubkey(), keypair)
        presigned = _presigned(opts.signers)

        blockhash = await self.blockhash()
        budget = []
        if opts.compute_unit_price is not None:
            budget.append(set_compute_unit_price(opts.compute_unit_price))
        live = not (opts.sign_only or opts.dump_transaction)
        if live:
            await self.check_balance(fee_payer.pubkey, Message.new_with_blockhash(
                budget + ixs, fee_payer.pubkey, blockhash))
        limit = await self.compute_limit(budget + ixs, fee_payer.pubkey, blockhash)
        if limit is not None:
            budget.insert(0, set_compute_unit_limit(limit))
        message = Message.new_with_blockhash(budget + ixs, fee_payer.pubkey, blockhash)
        required = list(message.account_keys[: message.header.num_required_signatures])
        payload = bytes(message)

        if opts.dump_transaction:
            raw = bytes(Transaction.new_unsigned(message))
            return Outcome("dump", {
                "transaction": base64.b64encode(raw).decode(),
                "transactionBase58": based58.b58encode(raw).decode(),
                "message": base64.b64encode(payload).decode(),
                "blockhash": str(blockhash),
                "signers": [str(k) for k in required],
                "computeUnitLimit": limit,
            })

        signatures: list[Signature] = []
        absent: list[Pubkey] = []
        bad: list[Pubkey] = []
        for key in required:
            if key in keypairs:
                signatures.append(keypairs[key].sign_message(payload))
            elif key in presigned:
                if not presigned[key].verify(key, payload):
                    bad.append(key)
                signatures.append(presigned[key])
            else:
                signatures.append(Signature.default())
                absent.append(key)
        unused = [k for k in presigned if k not in required]
        if unused:
            raise CliError(f"--signer {unused[0]} is not a signer of this transaction")

        if opts.sign_only:
            present = [f"{k}={s}" for k, s in zip(required, signatures, strict=True)
                       if k not in absent]
            return Outcome("sign-only", {"blockhash": str(blockhash), "signers": present,
                                         "absent": [str(k) for k in absent],
                                         "badSig": [str(k) for k in bad]})
        if bad:
            raise CliError(f"the signature given for {bad[0]} does not sign this transaction "
                           f"(same arguments and --blockhash as with --sign-only?)")
        if absent:
            raise CliError(f"no signature for {absent[0]}: give its keypair, or "
                           f"--signer {absent[0]}=SIGNATURE from --sign-only")

        return await self.submit(Transaction.populate(message, signatures))

    async def submit(self, tx: Transaction) -> Outcome:
        message = tx.message
        try:
            sent = await self.ctx.client.send_raw_transaction(bytes(tx), TxOpts(
                skip_confirmation=True, skip_preflight=False,
                preflight_commitment=self.ctx.commitment))
        except RPCException as exc:
            detail = exc.args[0] if exc.args else exc
            if isinstance(detail, SendTransactionPreflightFailureMessage):
                raise self.fail(detail.data.err, message, detail.data.logs or []) from None
            text = getattr(detail, "message", None) or str(detail)
            raise CliError(f"the cluster refused the transaction: {text}") from None
        result = await self.confirm(sent.value, message)
        logs = result.pop("_logs")
        return Outcome("sent", result, logs)


async def send(ctx: Context, opts: TxOptions, instructions: Sequence[Instruction],
               signers: Sequence[Signer] = (), *, names: dict[Pubkey, str] | None = None,
               extra_keypairs: Sequence[Keypair] = ()) -> Outcome:
    """Sends (or signs offline, dumps, prints) one transaction of ``instructions``.

    ``signers`` are the instructions' signers besides the fee payer; ``names`` maps our
    programs' ids to their names so that their errors are named.
    """
    return await _Sender(ctx, opts, names or {}).run(instructions, signers, extra_keypairs)


async def submit(ctx: Context, tx: Transaction, names: dict[Pubkey, str]) -> Outcome:
    """Sends a transaction signed elsewhere (a wallet) and confirms it, with the same
    one-line errors as :func:`send`."""
    return await _Sender(ctx, TxOptions(), names).submit(tx)


def report(ctx: Context, outcome: Outcome, summary: str, fields: dict[str, Any] | None = None,
           rows: Sequence[tuple[str, Any]] = ()) -> None:
    """Prints what a write did: the summary, the signature, compute units and explorer link
    (or the offline-signing output). ``fields`` join the JSON; ``rows`` the human output."""
    data = dict(fields or {})
    if ctx.verbose and outcome.logs:
        from ionet.cli.output import stderr

        console = stderr()
        for line in outcome.logs:
            console.print(f"  {line}", markup=False)
    if outcome.kind == "sent":
        data.update(outcome.data)

        def human(console: Any) -> None:
            console.print(summary, markup=False)
            units = outcome.data.get("computeUnits")
            key_values(console, [*rows, ("Signature", outcome.data["signature"]),
                                 ("Compute units", f"{units:,}" if units is not None
                                  else "unknown"),
                                 ("Explorer", outcome.data.get("explorer") or "-")])
        emit(ctx.output, data, human)
        return
    data.update(outcome.data)
    emit(ctx.output, data, lambda console: _offline_human(console, outcome))


def _offline_human(console: Any, outcome: Outcome) -> None:
    d = outcome.data
    if outcome.kind == "instructions":
        for n, ix in enumerate(d["instructions"]):
            console.print(f"Instruction {n}: program {ix['programId']}", markup=False)
            for m in ix["accounts"]:
                flags = ("signer " if m["isSigner"] else "") + \
                    ("writable" if m["isWritable"] else "")
                console.print(f"  {m['pubkey']}  {flags.strip()}", markup=False)
            console.print(f"  data (base58): {ix['data']}", markup=False)
    elif outcome.kind == "dump":
        key_values(console, [("Blockhash", d["blockhash"]),
                             ("Signers", ", ".join(d["signers"])),
                             ("Transaction (base64)", d["transaction"]),
                             ("Transaction (base58)", d["transactionBase58"])])
    else:
        console.print("", markup=False)
        console.print(f"Blockhash: {d['blockhash']}", markup=False)
        if d["signers"]:
            console.print("Signers (Pubkey=Signature):", markup=False)
            for line in d["signers"]:
                console.print(f" {line}", markup=False)
        if d["absent"]:
            console.print("Absent Signers (Pubkey):", markup=False)
            for key in d["absent"]:
                console.print(f" {key}", markup=False)
        if d["badSig"]:
            console.print("Bad Signatures (Pubkey):", markup=False)
            for key in d["badSig"]:
                console.print(f" {key}", markup=False)
