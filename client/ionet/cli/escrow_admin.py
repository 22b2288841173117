"""io_escrow administration: ``escrow init | pause | unpause | admin propose | accept``,
``escrow config show | set``, ``mint enable``, ``fees show | propose``.
``--authority`` names the admin (default ``-k``); with a multisig, give its vault's address
and ``--print-instructions`` for the proposal."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from solders.pubkey import Pubkey

from ionet.cli.chain import fetch_mint, require_upgrade_authority, staking_program_id
from ionet.cli.common import command
from ionet.cli.context import Context, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.escrow_accounts import PROGRAM, load_escrows
from ionet.cli.output import emit, key_values
from ionet.cli.program_admin import register_admin_commands
from ionet.cli.staking import parse_percent
from ionet.cli.tx import (
    authority_option,
    report,
    require_role,
    send,
    transaction_options,
    tx_options_of,
)
from ionet.cli.units import format_bps, format_duration, format_time, parse_duration
from ionet.escrow import MAX_FEE_BPS, EscrowProgram, EscrowSettings, fees_at

__all__ = ["register"]


def _fee_option(name: str, default: str = "the current one") -> Any:
    return click.option(f"--{name}-fee", metavar="PERCENT",
                        help=f"the {name} fee, e.g. 0.25% (at most {MAX_FEE_BPS // 100}%) "
                        f"[default: {default}]")


def register(cli: click.Group) -> None:
    """Adds the io_escrow admin commands to ``cli`` (after :mod:`ionet.cli.escrow`, whose
    group ``escrow init`` joins)."""
    escrow_group = cli.commands["escrow"]
    assert isinstance(escrow_group, click.Group)
    register_admin_commands(escrow_group, PROGRAM, load_escrows)

    @command(escrow_group, "init")
    @click.option("--admin", metavar="PUBKEY", help="the admin [default: -k]")
    @click.option("--coordinator", metavar="PUBKEY",
                  help="who settles and closes escrows [default: the admin]")
    @click.option("--treasury", metavar="PUBKEY",
                  help="owner of the token accounts fees are swept to [default: the admin]")
    @_fee_option("customer", "0.25%")
    @_fee_option("supplier", "0.25%")
    @click.option("--fee-delay", default="7d", show_default=True, metavar="DURATION",
                  help="notice of a fee change (fixed for good)")
    @click.option("--refund-grace", default="1d", show_default=True, metavar="DURATION",
                  help="after an escrow's expiry, until its customer may take it back")
    @click.option("--staking-program", metavar="PUBKEY",
                  help="the io_staking whose nodes escrows pay (fixed for good) [default: "
                  "Anchor.toml's io_staking]")
    @transaction_options
    async def escrow_init(ctx: Context, admin: str | None, coordinator: str | None,
                          treasury: str | None, customer_fee: str | None,
                          supplier_fee: str | None, fee_delay: str, refund_grace: str,
                          staking_program: str | None, **kwargs: Any) -> None:
        """Initialize io_escrow (signed by its upgrade authority, -k).

        \b
        Example:
          ionet escrow init --coordinator Coord... --treasury Treasury...
        """
        opts = tx_options_of(kwargs)
        program = EscrowProgram(ctx.program_id(PROGRAM), staking_program_id(
            ctx, staking_program))
        if (await ctx.client.get_account_info(program.config, ctx.commitment)
                ).value is not None:
            raise CliError(f"io_escrow at {program.program_id} is initialized already")
        authority = ctx.signer
        await require_upgrade_authority(ctx, program.program_id, authority)
        admin_key = parse_pubkey(admin, "--admin") if admin else authority.pubkey
        settings = EscrowSettings(
            coordinator=parse_pubkey(coordinator, "--coordinator") if coordinator
            else admin_key,
            treasury=parse_pubkey(treasury, "--treasury") if treasury else admin_key,
            staking_program=program.staking_program,
            customer_fee_bps=parse_percent(customer_fee or "0.25%", "--customer-fee"),
            supplier_fee_bps=parse_percent(supplier_fee or "0.25%", "--supplier-fee"),
            fee_delay_secs=parse_duration(fee_delay, "--fee-delay"),
            refund_grace_secs=parse_duration(refund_grace, "--refund-grace"))
        outcome = await send(ctx, opts, [program.initialize(authority.pubkey, admin_key,
                                                            settings)],
                             [authority], names={program.program_id: PROGRAM})
        report(ctx, outcome, f"Initialized io_escrow at {program.program_id}",
               {"programId": str(program.program_id), "admin": str(admin_key),
                "coordinator": str(settings.coordinator), "treasury": str(settings.treasury),
                "stakingProgram": str(settings.staking_program)},
               [("Admin", str(admin_key)), ("Coordinator", str(settings.coordinator)),
                ("Staking program", str(settings.staking_program))])

    @escrow_group.group("config")
    def config_group() -> None:
        """io_escrow's settings."""

    @command(config_group, "show")
    async def config_show(ctx: Context) -> None:
        """Show io_escrow's settings and who holds each role.

        \b
        Example:
          ionet escrow config show --output json
        """
        escrows = await load_escrows(ctx)
        c = escrows.config
        data = {"programId": str(escrows.program.program_id), "admin": str(c.admin),
                "pendingAdmin": None if c.pending_admin == Pubkey.default()
                else str(c.pending_admin),
                "coordinator": str(c.coordinator), "treasury": str(c.treasury),
                "stakingProgram": str(c.staking_program), "paused": c.paused,
                "refundGraceSecs": c.refund_grace_secs, "feeDelaySecs": c.fee_delay_secs}
        emit(ctx.output, data, lambda console: key_values(console, [
            ("Admin", str(c.admin)), ("Coordinator", str(c.coordinator)),
            ("Treasury", str(c.treasury)), ("Staking program", str(c.staking_program)),
            ("Paused", "yes" if c.paused else "no"),
            ("Refund grace", format_duration(c.refund_grace_secs)),
            ("Fee delay", format_duration(c.fee_delay_secs))]))

    @command(config_group, "set")
    @click.option("--coordinator", metavar="PUBKEY",
                  help="who settles and closes escrows, at once [default: unchanged]")
    @click.option("--treasury", metavar="PUBKEY",
                  help="owner of the token accounts fees are swept to [default: unchanged]")
    @click.option("--refund-grace", metavar="DURATION",
                  help="for escrows opened from now on [default: unchanged]")
    @authority_option
    @transaction_options
    async def config_set(ctx: Context, coordinator: str | None, treasury: str | None,
                         refund_grace: str | None, authority: str | None,
                         **kwargs: Any) -> None:
        """Change io_escrow's coordinator, treasury or refund grace (the admin).

        A new coordinator settles from the next transaction on; any coordinator settles
        only within what each customer signed.

        \b
        Example:
          ionet escrow config set --coordinator Coord... --authority admin.json
        """
        opts = tx_options_of(kwargs)
        if coordinator is None and treasury is None and refund_grace is None:
            raise CliError("name a setting: --coordinator, --treasury or --refund-grace")
        escrows = await load_escrows(ctx)
        c = escrows.config
        signer = ctx.signer_arg(authority, "admin")
        require_role(signer, c.admin, "admin of io_escrow")
        new_coordinator = parse_pubkey(coordinator, "--coordinator") if coordinator \
            else c.coordinator
        new_treasury = parse_pubkey(treasury, "--treasury") if treasury else c.treasury
        grace = parse_duration(refund_grace, "--refund-grace") if refund_grace \
            else c.refund_grace_secs
        outcome = await send(ctx, opts, [escrows.program.update_config(
            signer.pubkey, new_coordinator, new_treasury, grace)], [signer],
            names=escrows.names)
        report(ctx, outcome, "Updated io_escrow's settings",
               {"coordinator": str(new_coordinator), "treasury": str(new_treasury),
                "refundGraceSecs": grace},
               [("Coordinator", str(new_coordinator)), ("Treasury", str(new_treasury)),
                ("Refund grace", format_duration(grace))])

    @cli.group("mint")
    def mint_group() -> None:
        """Payment mints of io_escrow."""

    @command(mint_group, "enable")
    @click.argument("mint")
    @authority_option
    @transaction_options
    async def mint_enable(ctx: Context, mint: str, authority: str | None,
                          **kwargs: Any) -> None:
        """Accept MINT as a payment mint of io_escrow and create its vault (the admin).

        SPL Token, or Token-2022 without extensions that change what a transfer does.

        \b
        Example:
          ionet mint enable EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v --authority admin.json
        """
        opts = tx_options_of(kwargs)
        escrows = await load_escrows(ctx)
        signer = ctx.signer_arg(authority, "admin")
        require_role(signer, escrows.config.admin, "admin of io_escrow")
        found = await fetch_mint(ctx, parse_pubkey(mint, "MINT"))
        if (await escrows.program.fetch_payment_mint(ctx.client, found.address,
                                                     ctx.commitment)) is not None:
            raise CliError(f"mint {found.address} is a payment mint already")
        outcome = await send(ctx, opts, [escrows.program.enable_mint(
            signer.pubkey, found.address, found.token_program)], [signer],
            names=escrows.names)
        vault = escrows.program.vault(found.address)
        report(ctx, outcome, f"Enabled payment mint {found.address} ({found.decimals} "
               f"decimals)",
               {"mint": str(found.address), "vault": str(vault),
                "tokenProgram": str(found.token_program), "decimals": found.decimals},
               [("Vault", str(vault))])

    @cli.group("fees")
    def fees_group() -> None:
        """io_escrow's fees: changes apply after a delay, never to open escrows."""

    @command(fees_group, "show")
    async def fees_show(ctx: Context) -> None:
        """Show io_escrow's fees: those in force, and a proposed change with its time.

        \b
        Example:
          ionet fees show --output json
        """
        escrows = await load_escrows(ctx)
        config = escrows.config
        now = await escrows.now()
        customer, supplier = fees_at(config, now)
        pending = config.fees_change_at > now
        data = {"customerFeeBps": customer, "supplierFeeBps": supplier,
                "pendingCustomerFeeBps": config.pending_customer_fee_bps if pending else None,
                "pendingSupplierFeeBps": config.pending_supplier_fee_bps if pending else None,
                "changeAt": config.fees_change_at if pending else None,
                "feeDelaySecs": config.fee_delay_secs}

        def human(console: Console) -> None:
            key_values(console, [
                ("Customer fee", format_bps(customer)), ("Supplier fee", format_bps(supplier)),
                ("Proposed", f"customer {format_bps(config.pending_customer_fee_bps)}, "
                 f"supplier {format_bps(config.pending_supplier_fee_bps)}, for escrows opened "
                 f"from {format_time(config.fees_change_at)}" if pending else "-"),
                ("Fee delay", format_duration(config.fee_delay_secs))])
        emit(ctx.output, data, human)

    @command(fees_group, "propose")
    @_fee_option("customer")
    @_fee_option("supplier")
    @authority_option
    @transaction_options
    async def fees_propose(ctx: Context, customer_fee: str | None, supplier_fee: str | None,
                           authority: str | None, **kwargs: Any) -> None:
        """Propose new fees (the admin); escrows opened after the fee delay get them.

        \b
        Example:
          ionet fees propose --customer-fee 0.3% --supplier-fee 0.2% --authority admin.json
        """
        opts = tx_options_of(kwargs)
        if customer_fee is None and supplier_fee is None:
            raise CliError("name at least one fee: --customer-fee or --supplier-fee")
        escrows = await load_escrows(ctx)
        signer = ctx.signer_arg(authority, "admin")
        require_role(signer, escrows.config.admin, "admin of io_escrow")
        now = await escrows.now()
        current = fees_at(escrows.config, now)
        customer = parse_percent(customer_fee, "--customer-fee") if customer_fee \
            else current[0]
        supplier = parse_percent(supplier_fee, "--supplier-fee") if supplier_fee \
            else current[1]
        outcome = await send(ctx, opts, [escrows.program.propose_fees(
            signer.pubkey, customer, supplier)], [signer], names=escrows.names)
        change_at = now + escrows.config.fee_delay_secs
        report(ctx, outcome, f"Proposed fees of {format_bps(customer)} (customer) and "
               f"{format_bps(supplier)} (supplier) for escrows opened from about "
               f"{format_time(change_at)}",
               {"customerFeeBps": customer, "supplierFeeBps": supplier,
                "changeAt": change_at})
