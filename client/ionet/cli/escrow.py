"""Compute-credit escrows: the customer's ``escrow open | top-up | extend | show | list |
refund`` and the coordinator's ``escrow settle | close``.

An escrow is named by its address or, for the signer's own escrows, by its job id.
"""

from __future__ import annotations

import secrets
from typing import Any

import click
from rich.console import Console
from solders.pubkey import Pubkey

from ionet.cli.chain import payee_account, payer_account
from ionet.cli.common import command
from ionet.cli.context import Context, Signer, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.escrow_accounts import (
    CUSTOMER_OFFSET,
    NODE_OFFSET,
    Escrows,
    escrow_json,
    load_escrows,
    mint_of,
)
from ionet.cli.output import emit, key_values, table
from ionet.cli.staking_accounts import resolve_node_key
from ionet.cli.tx import (
    authority_option,
    report,
    require_role,
    send,
    transaction_options,
    tx_options_of,
)
from ionet.cli.units import (
    format_amount,
    format_bps,
    format_duration,
    format_rate,
    format_time,
    parse_amount,
    parse_rate,
    parse_time,
)
from ionet.escrow import (
    Escrow,
    PaymentMint,
    fee,
    fees_at,
    node_eligible,
    refundable_for_ineligibility,
    remaining,
    settle_fee,
    top_up_fee,
)

__all__ = ["register"]

ESCROW_HELP = "ESCROW is an escrow's address, or the job id of one of yours."
_JOB_IDS = 2**53
"""Default job ids stay below 2^53, exact in JavaScript clients too."""

mint_option = click.option("--mint", metavar="MINT",
                           help="the payment mint [default: the only one io_escrow takes]")


def _when(at: int, now: int) -> str:
    delta = at - now
    return f"{format_time(at)} ({'in ' + format_duration(delta) if delta > 0 else 'passed'})"


def _require_customer(escrow: Escrow, address: Pubkey, signer: Signer) -> None:
    if escrow.customer != signer.pubkey:
        raise CliError(f"escrow {address} belongs to {escrow.customer}, not to "
                       f"{signer.pubkey}")


async def _escrow_and_mint(escrows: Escrows, text: str, customer: Pubkey
                           ) -> tuple[Pubkey, Escrow, PaymentMint]:
    address, found = await escrows.escrow(text, customer)
    return address, found, await escrows.payment_mint(str(found.mint))


def _show(console: Console, data: dict[str, Any], now: int) -> None:
    d = data["decimals"]

    def a(units: int) -> str:
        return format_amount(units, d)
    key_values(console, [
        ("Escrow", data["escrow"]), ("Job id", data["jobId"]),
        ("Customer", data["customer"]), ("Node", data["node"]),
        ("Mint", f"{data['mint']} ({d} decimals)"), ("Payout", data["payout"]),
        ("Deposited", a(data["deposited"])), ("Settled", a(data["settled"])),
        ("Remaining", a(data["remaining"])), ("Settleable now", a(data["settleableNow"])),
        ("Rate", format_rate(data["ratePerSecond"], d)),
        ("Minimum charge", a(data["minCharge"])),
        ("Fees", f"customer {format_bps(data['customerFeeBps'])} (paid "
                 f"{a(data['customerFees'])}), supplier {format_bps(data['supplierFeeBps'])}"),
        ("Opened", format_time(data["openedAt"])),
        ("Expires", _when(data["expiresAt"], now)),
        ("Refund from", _when(data["refundAfter"], now)),
        ("Next sequence", data["nextSeq"]),
    ])


def register(cli: click.Group) -> None:
    """Adds the escrow commands to ``cli``."""

    @cli.group("escrow")
    def escrow_group() -> None:
        """Prepay GPU time on a node; the coordinator settles, you get the rest back."""

    @command(escrow_group, "open")
    @click.argument("node")
    @click.argument("amount")
    @click.option("--rate", required=True, metavar="AMOUNT/UNIT",
                  help="the agreed price, per h, m, s or d (e.g. 1.44/h)")
    @click.option("--expires", required=True, metavar="WHEN",
                  help="a duration from now (13d 4h), a date-time (2026-12-31T18:00Z) or "
                  "@UNIX_SECONDS")
    @click.option("--min-charge", metavar="AMOUNT",
                  help="what the supplier keeps even if the job ends at once [default: 0]")
    @click.option("--job-id", type=click.IntRange(0, 2**64 - 1),
                  help="your number for the job [default: a random one]")
    @mint_option
    @transaction_options
    async def escrow_open(ctx: Context, node: str, amount: str, rate: str, expires: str,
                          min_charge: str | None, job_id: int | None, mint: str | None,
                          **kwargs: Any) -> None:
        """Open an escrow: deposit AMOUNT (whole tokens) for GPU time on NODE.

        NODE is a node address, a node id (64 hex digits) or a device UUID; it must be
        eligible. The customer fee is taken from the deposit.

        \b
        Example:
          ionet escrow open 7QzG...Node 250 --rate 1.44/h --expires 7d --min-charge 1.44
        """
        opts = tx_options_of(kwargs)
        escrows = await load_escrows(ctx)
        payment_mint = await escrows.payment_mint(mint)
        decimals = payment_mint.decimals
        units = parse_amount(amount, decimals)
        per_second = parse_rate(rate, decimals, "--rate")
        minimum = parse_amount(min_charge, decimals, "--min-charge") if min_charge else 0
        staking = await escrows.staking()
        address, found = await staking.node(node)
        now = await escrows.now()
        expires_at = parse_time(expires, now, "--expires")
        if expires_at <= now:
            raise CliError(f"--expires {expires} is not in the future")
        if not node_eligible(staking.config, found, now):
            raise CliError(f"node {address} is not eligible (jailed, or below its minimum "
                           f"stake); it takes no escrows")
        customer = ctx.signer
        job = secrets.randbelow(_JOB_IDS) if job_id is None else job_id
        escrow = escrows.program.escrow(customer.pubkey, job)
        if (await ctx.client.get_account_info(escrow, ctx.commitment)).value is not None:
            raise CliError(f"you have an escrow with job id {job} already, at {escrow}")
        token = mint_of(payment_mint)
        show = token.amount
        await payer_account(ctx, token.ata(customer.pubkey), customer.pubkey, token.address,
                            token.token_program, "the payment mint", units, show)
        fee_payer = ctx.signer_arg(opts.fee_payer, "fee payer").pubkey
        payout, create = await payee_account(ctx, found.owner, token.address,
                                             token.token_program, "the payment mint",
                                             fee_payer)
        outcome = await send(ctx, opts, [*create, escrows.program.open_escrow(
            customer.pubkey, job, address, found.owner, token.address, units, per_second,
            minimum, expires_at, token.token_program, payout=payout)], [customer],
            names=escrows.names)
        customer_fee = fee(units, fees_at(escrows.config, now)[0])
        report(ctx, outcome, f"Opened escrow {escrow} (job {job}) on node {address}: "
               f"{show(units - customer_fee)} deposited, {show(customer_fee)} fee",
               {"escrow": str(escrow), "jobId": job, "node": str(address),
                "mint": str(token.address), "amount": units, "customerFee": customer_fee,
                "ratePerSecond": per_second, "minCharge": minimum, "expiresAt": expires_at,
                "decimals": decimals},
               [("Escrow", str(escrow)), ("Job id", job), ("Expires", format_time(expires_at))])

    @command(escrow_group, "top-up")
    @click.argument("escrow")
    @click.argument("amount")
    @transaction_options
    async def escrow_top_up(ctx: Context, escrow: str, amount: str, **kwargs: Any) -> None:
        """Add AMOUNT (whole tokens) to one of your escrows (less the escrow's fee).

        ESCROW is an escrow's address, or the job id of one of yours.

        \b
        Example:
          ionet escrow top-up 42 100
        """
        opts = tx_options_of(kwargs)
        escrows = await load_escrows(ctx)
        customer = ctx.signer
        address, found, payment_mint = await _escrow_and_mint(escrows, escrow,
                                                              customer.pubkey)
        _require_customer(found, address, customer)
        token = mint_of(payment_mint)
        show = token.amount
        units = parse_amount(amount, token.decimals)
        await payer_account(ctx, token.ata(customer.pubkey), customer.pubkey, token.address,
                            token.token_program, "the payment mint", units, show)
        outcome = await send(ctx, opts, [escrows.program.top_up(
            customer.pubkey, address, token.address, units, token.token_program)],
            [customer], names=escrows.names)
        customer_fee = top_up_fee(found, units)
        report(ctx, outcome, f"Topped up escrow {address} with "
               f"{show(units - customer_fee)} ({show(customer_fee)} fee)",
               {"escrow": str(address), "amount": units, "customerFee": customer_fee,
                "decimals": token.decimals})

    @command(escrow_group, "extend")
    @click.argument("escrow")
    @click.option("--expires", required=True, metavar="WHEN",
                  help="the new expiry: a duration from now (30d), a date-time or "
                  "@UNIX_SECONDS")
    @transaction_options
    async def escrow_extend(ctx: Context, escrow: str, expires: str, **kwargs: Any) -> None:
        """Move one of your escrows' expiry later.

        ESCROW is an escrow's address, or the job id of one of yours.

        \b
        Example:
          ionet escrow extend 42 --expires 30d
        """
        opts = tx_options_of(kwargs)
        escrows = await load_escrows(ctx)
        customer = ctx.signer
        address, found = await escrows.escrow(escrow, customer.pubkey)
        _require_customer(found, address, customer)
        expires_at = parse_time(expires, await escrows.now(), "--expires")
        if expires_at <= found.expires_at:
            raise CliError(f"--expires {expires} is not later than the escrow's expiry, "
                           f"{format_time(found.expires_at)}")
        outcome = await send(ctx, opts, [escrows.program.extend(customer.pubkey, address,
                                                                expires_at)],
                             [customer], names=escrows.names)
        report(ctx, outcome, f"Escrow {address} now expires {format_time(expires_at)}",
               {"escrow": str(address), "expiresAt": expires_at})

    @command(escrow_group, "show")
    @click.argument("escrow")
    async def escrow_show(ctx: Context, escrow: str) -> None:
        """Show an escrow: deposit, settled, what is left, rate, expiry, refund time.

        ESCROW is an escrow's address, or the job id of one of yours.

        \b
        Example:
          ionet escrow show 42 --output json
        """
        escrows = await load_escrows(ctx)
        customer = ctx.signer.pubkey if escrow.strip().isdigit() else Pubkey.default()
        address, found, payment_mint = await _escrow_and_mint(escrows, escrow, customer)
        now = await escrows.now()
        data = escrow_json(address, found, payment_mint.decimals, now)
        emit(ctx.output, data, lambda console: _show(console, data, now))

    @command(escrow_group, "list")
    @click.option("--customer", metavar="PUBKEY", help="whose escrows [default: -k's]")
    @click.option("--node", metavar="NODE", help="the escrows of a node instead")
    @click.option("--mint", metavar="MINT", help="only the escrows of this payment mint")
    async def escrow_list(ctx: Context, customer: str | None, node: str | None,
                          mint: str | None) -> None:
        """List open escrows: yours, another customer's or a node's (--mint: of one mint).

        \b
        Example:
          ionet escrow list --node 7QzG...Node
        """
        if node and customer:
            raise CliError("--node and --customer exclude each other")
        escrows = await load_escrows(ctx)
        mints = {m.mint: m for m in await escrows.payment_mints()}
        if node:
            staking = await escrows.staking()
            key, offset = resolve_node_key(node, staking.program_id), NODE_OFFSET
        else:
            key = parse_pubkey(customer, "--customer") if customer else ctx.signer.pubkey
            offset = CUSTOMER_OFFSET
        found = await escrows.escrows(offset, key)
        if mint:
            wanted = (await escrows.payment_mint(mint)).mint
            found = [(a, e) for a, e in found if e.mint == wanted]
        now = await escrows.now()
        rows = [escrow_json(a, e, mints[e.mint].decimals, now) for a, e in found
                if e.mint in mints]

        def human(console: Console) -> None:
            if not rows:
                console.print("No open escrows.", markup=False)
                return

            def a(r: dict[str, Any], field: str) -> str:
                return format_amount(r[field], r["decimals"])
            table(console, ["escrow", "job", "node", "remaining", "settled", "rate",
                            "expires"],
                  [[r["escrow"], r["jobId"], r["node"], a(r, "remaining"), a(r, "settled"),
                    format_rate(r["ratePerSecond"], r["decimals"]),
                    "passed" if r["expired"] else
                    f"in {format_duration(r['expiresAt'] - now)}"] for r in rows],
                  right=["job", "remaining", "settled", "rate"])
        emit(ctx.output, rows, human)

    @command(escrow_group, "refund")
    @click.argument("escrow")
    @transaction_options
    async def escrow_refund(ctx: Context, escrow: str, **kwargs: Any) -> None:
        """Take back what is left of one of your escrows and close it.

        Possible after the expiry and the grace period, or at once when the node is jailed
        or below its minimum stake. ESCROW is an escrow's address, or one of your job ids.

        \b
        Example:
          ionet escrow refund 42
        """
        opts = tx_options_of(kwargs)
        escrows = await load_escrows(ctx)
        customer = ctx.signer
        address, found, payment_mint = await _escrow_and_mint(escrows, escrow,
                                                              customer.pubkey)
        _require_customer(found, address, customer)
        token = mint_of(payment_mint)
        now = await escrows.now()
        fee_payer = ctx.signer_arg(opts.fee_payer, "fee payer").pubkey
        _, create = await payee_account(ctx, customer.pubkey, token.address,
                                        token.token_program, "the payment mint", fee_payer)
        if now >= found.refund_after:
            refund = escrows.program.refund_expired(customer.pubkey, address, token.address,
                                                    token.token_program)
            why = "expired"
        else:
            staking = await escrows.staking()
            node = await staking.program.fetch_node(ctx.client, found.node, ctx.commitment)
            if node is not None and not refundable_for_ineligibility(staking.config, node,
                                                                      found, now):
                raise CliError(f"escrow {address} can be refunded from "
                               f"{_when(found.refund_after, now)}, or at once if its node "
                               f"is jailed, falls below its minimum stake or changes hands")
            refund = escrows.program.refund_ineligible(
                customer.pubkey, address, found.node, token.address, token.token_program)
            why = "node ineligible"
        outcome = await send(ctx, opts, [*create, refund], [customer], names=escrows.names)
        left = remaining(found)
        report(ctx, outcome, f"Refunded {token.amount(left)} from escrow "
               f"{address} ({why}); it is closed",
               {"escrow": str(address), "amount": left, "reason": why,
                "decimals": token.decimals})

    # ---- the coordinator's

    async def coordinator_escrow(ctx: Context, escrow: str, authority: str | None
                                 ) -> tuple[Escrows, Signer, Pubkey, Escrow, PaymentMint]:
        if escrow.strip().isdigit():
            raise CliError(f"ESCROW {escrow}: give the escrow's address (a job id names only "
                           f"the signer's own escrows)")
        escrows = await load_escrows(ctx)
        signer = ctx.signer_arg(authority, "coordinator")
        require_role(signer, escrows.config.coordinator, "coordinator")
        address, found, payment_mint = await _escrow_and_mint(escrows, escrow,
                                                              Pubkey.default())
        return escrows, signer, address, found, payment_mint

    @command(escrow_group, "settle")
    @click.argument("escrow")
    @click.argument("amount")
    @click.option("--seq", type=click.IntRange(0, 2**64 - 1),
                  help="the settlement's number [default: the escrow's next]")
    @authority_option
    @transaction_options
    async def escrow_settle(ctx: Context, escrow: str, amount: str, seq: int | None,
                            authority: str | None, **kwargs: Any) -> None:
        """Pay the supplier AMOUNT (whole tokens) from an escrow (the coordinator).

        ESCROW is the escrow's address. The supplier fee is kept from AMOUNT.

        \b
        Example:
          ionet escrow settle 4hXq...Escrow 12.5 --authority coordinator.json
        """
        opts = tx_options_of(kwargs)
        escrows, signer, address, found, payment_mint = await coordinator_escrow(
            ctx, escrow, authority)
        token = mint_of(payment_mint)
        show = token.amount
        units = parse_amount(amount, token.decimals)
        if units > remaining(found):
            raise CliError(f"escrow {address} holds {show(remaining(found))}, less than "
                           f"{show(units)}")
        number = found.next_seq if seq is None else seq
        outcome = await send(ctx, opts, [escrows.program.settle(
            signer.pubkey, address, found.payout, token.address, units, number,
            token.token_program)], [signer], names=escrows.names)
        supplier_fee = settle_fee(found, units)
        report(ctx, outcome, f"Settled {show(units)} from escrow {address} "
               f"({show(units - supplier_fee)} to the supplier)",
               {"escrow": str(address), "amount": units, "supplierFee": supplier_fee, "seq": number,
                "decimals": token.decimals})

    @command(escrow_group, "close")
    @click.argument("escrow")
    @click.option("--final", "final", metavar="AMOUNT",
                  help="a last settlement before closing (whole tokens)")
    @authority_option
    @transaction_options
    async def escrow_close(ctx: Context, escrow: str, final: str | None,
                           authority: str | None, **kwargs: Any) -> None:
        """Close an escrow (the coordinator): the customer gets the rest and the rent.

        ESCROW is the escrow's address.

        \b
        Example:
          ionet escrow close 4hXq...Escrow --final 3.2 --authority coordinator.json
        """
        opts = tx_options_of(kwargs)
        escrows, signer, address, found, payment_mint = await coordinator_escrow(
            ctx, escrow, authority)
        token = mint_of(payment_mint)
        units = parse_amount(final, token.decimals, "--final") if final else 0
        fee_payer = ctx.signer_arg(opts.fee_payer, "fee payer").pubkey
        _, create = await payee_account(ctx, found.customer, token.address,
                                        token.token_program, "the payment mint", fee_payer)
        outcome = await send(ctx, opts, [*create, escrows.program.close_escrow(
            signer.pubkey, address, found.customer, found.payout, token.address, units,
            found.next_seq if units else 0, token.token_program)], [signer],
            names=escrows.names)
        report(ctx, outcome, f"Closed escrow {address}",
               {"escrow": str(address), "final": units, "decimals": token.decimals})
