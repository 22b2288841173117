"""Slashing with evidence and appeal: ``slash propose | dispute | resolve | execute | cancel
| list``, and the admin's ``slash init | pause | unpause | admin propose | accept`` and
``reporter add | remove``.

A proposal is named by its node (address, node id or device UUID) and its sequence number,
which ``slash propose`` prints and ``slash list`` shows. Evidence stays off chain: the
commands record the sha256 of the file given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from based58 import b58encode
from rich.console import Console
from solana.rpc.types import MemcmpOpts
from solders.pubkey import Pubkey

from ionet.cli.chain import cluster_now, require_upgrade_authority, staking_program_id
from ionet.cli.common import command
from ionet.cli.context import Context, Signer, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.output import emit, key_values, table
from ionet.cli.program_admin import register_admin_commands
from ionet.cli.slashing_accounts import (
    NODE_OFFSET,
    OFFENSE_NAMES,
    PROGRAM,
    Slashing,
    load_slashing,
    proposal_json,
)
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
from ionet.slashing import (
    Offense,
    OffenseRule,
    SlashingProgram,
    SlashingSettings,
    SlashProposal,
    Status,
    config_address,
    evidence_hash,
)
from ionet.staking import StakingProgram

__all__ = ["register"]


def parse_offense(text: str) -> Offense:
    raw = text.strip().lower().replace("_", "-")
    for kind, name in OFFENSE_NAMES.items():
        if raw in (name, str(int(kind))):
            return kind
    raise CliError(f"offense {text!r} is not one of {', '.join(OFFENSE_NAMES.values())}")


def parse_bps(text: str) -> int:
    """``500`` (basis points) or ``5%``, between 1 and 10 000 basis points."""
    raw = text.strip()
    try:
        value = Decimal(raw[:-1]) * 100 if raw.endswith("%") else Decimal(raw)
    except ArithmeticError:
        raise CliError(f"BPS {text!r} is not basis points (500) or a percentage "
                       f"(5%)") from None
    if value != value.to_integral_value() or not 1 <= value <= 10_000:
        raise CliError(f"BPS {text} must be a whole number of basis points from 1 to 10000 "
                       f"(0.01% to 100%)")
    return int(value)


def read_evidence(path: Path) -> bytes:
    """The sha256 of an evidence file."""
    if not path.is_file():
        raise CliError(f"evidence file {path} does not exist")
    try:
        return evidence_hash(path.read_bytes())
    except OSError as exc:
        raise CliError(f"cannot read evidence file {path}: {exc.strerror}") from None


def _next_step(row: dict[str, Any], now: int) -> str:
    status = row["status"]
    if status == "pending":
        if now < row["challengeEndsAt"]:
            return f"disputable for {format_duration(row['challengeEndsAt'] - now)}"
        return "executable"
    if status == "disputed":
        return "awaiting the admin's resolve"
    if status == "upheld":
        return "executable"
    return "-"


def _seq_argument(func: Any) -> Any:
    func = click.argument("seq", type=click.IntRange(0, 2**64 - 1))(func)
    return click.argument("node")(func)


_WINDOWS = {
    "challenge-window": ("DURATION", "how long a node's owner may dispute a proposal"),
    "appeal-window": ("DURATION", "how long the admin has to resolve a dispute"),
    "rolling-window": ("DURATION", "the window of the rolling cap"),
    "max-rolling": ("PERCENT", "the most of a node slashed within the rolling window"),
}


def _window_options(defaults: dict[str, str] | None) -> Callable[[Any], Any]:
    """The settings' window and cap options, with ``defaults`` (init) or unchanged (set)."""
    def decorate(func: Any) -> Any:
        for name, (metavar, text) in reversed(_WINDOWS.items()):
            if defaults is None:
                func = click.option(f"--{name}", metavar=metavar,
                                    help=f"{text} [default: unchanged]")(func)
            else:
                func = click.option(f"--{name}", default=defaults[name], show_default=True,
                                    metavar=metavar, help=text)(func)
        return func
    return decorate


def _with_windows(settings: SlashingSettings, windows: dict[str, str | None]
                  ) -> SlashingSettings:
    """``settings`` with the windows and cap given (None: unchanged)."""
    def duration(name: str, current: int) -> int:
        value = windows.get(name)
        return current if value is None else parse_duration(value, f"--{name}")

    rolling = windows.get("max-rolling")
    return replace(
        settings,
        challenge_window_secs=duration("challenge-window", settings.challenge_window_secs),
        appeal_window_secs=duration("appeal-window", settings.appeal_window_secs),
        rolling_window_secs=duration("rolling-window", settings.rolling_window_secs),
        max_rolling_bps=settings.max_rolling_bps if rolling is None
        else parse_percent(rolling, "--max-rolling"))


def _offense_rule(text: str) -> tuple[Offense, OffenseRule]:
    """``NAME=CAP%/JAIL``, e.g. ``spoofing=50%/30d`` (``/0`` or no ``/``: no jail)."""
    name, sep, rule = text.partition("=")
    if not sep:
        raise CliError(f"--offense {text!r}: write NAME=CAP%/JAIL, e.g. spoofing=50%/30d")
    cap, _, jail = rule.partition("/")
    return parse_offense(name), OffenseRule(parse_percent(cap, "--offense"),
                                            parse_duration(jail, "--offense") if jail and
                                            jail != "0" else 0)


def register(cli: click.Group) -> None:
    """Adds the slashing and reporter commands to ``cli``."""

    @cli.group("slash")
    def slash_group() -> None:
        """Propose, dispute, resolve, execute and cancel slashes of a node's stake."""

    register_admin_commands(slash_group, PROGRAM, load_slashing)

    @command(slash_group, "init")
    @click.option("--admin", metavar="PUBKEY", help="the admin [default: -k]")
    @_window_options({"challenge-window": "7d", "appeal-window": "7d",
                      "rolling-window": "30d", "max-rolling": "50%"})
    @click.option("--staking-program", metavar="PUBKEY",
                  help="the io_staking it slashes (fixed for good) [default: Anchor.toml's "
                  "io_staking]")
    @transaction_options
    async def slash_init(ctx: Context, admin: str | None, challenge_window: str,
                         appeal_window: str, rolling_window: str, max_rolling: str,
                         staking_program: str | None, **kwargs: Any) -> None:
        """Initialize io_slashing (signed by its upgrade authority, -k).

        The offenses keep their default caps and jails: spoofing 50% and 30 days, data
        compromise 100% and 90 days, a failed proof of work 10% and 7 days, downtime 1%.
        io_staking's slasher must be this program's ["slasher"] PDA (printed).

        \b
        Example:
          ionet slash init --challenge-window 7d --max-rolling 50%
        """
        opts = tx_options_of(kwargs)
        program_id = ctx.program_id(PROGRAM)
        staking_id = staking_program_id(ctx, staking_program)
        if (await ctx.client.get_account_info(config_address(program_id), ctx.commitment)
                ).value is not None:
            raise CliError(f"io_slashing at {program_id} is initialized already")
        authority = ctx.signer
        await require_upgrade_authority(ctx, program_id, authority)
        admin_key = parse_pubkey(admin, "--admin") if admin else authority.pubkey
        settings = _with_windows(SlashingSettings.default(), {
            "challenge-window": challenge_window, "appeal-window": appeal_window,
            "rolling-window": rolling_window, "max-rolling": max_rolling})
        # Only the staking program's id goes into initialize; its mint is not needed here.
        program = SlashingProgram(program_id, StakingProgram(staking_id, Pubkey.default()))
        outcome = await send(ctx, opts, [program.initialize(authority.pubkey, admin_key,
                                                            settings)],
                             [authority], names={program_id: PROGRAM})
        report(ctx, outcome, f"Initialized io_slashing at {program_id}",
               {"programId": str(program_id), "admin": str(admin_key),
                "stakingProgram": str(staking_id), "slasher": str(program.slasher)},
               [("Admin", str(admin_key)), ("Staking program", str(staking_id)),
                ("Slasher PDA", str(program.slasher))])

    @slash_group.group("config")
    def config_group() -> None:
        """io_slashing's settings."""

    @command(config_group, "show")
    async def config_show(ctx: Context) -> None:
        """Show io_slashing's settings: windows, caps, offenses, roles.

        \b
        Example:
          ionet slash config show --output json
        """
        slashing = await load_slashing(ctx)
        c = slashing.config
        settings = SlashingSettings.of(c.params)
        offenses = {OFFENSE_NAMES[kind]: {"maxBps": rule.max_bps, "jailSecs": rule.jail_secs}
                    for kind, rule in settings.offenses.items()}
        data = {"programId": str(slashing.program.program_id), "admin": str(c.admin),
                "stakingProgram": str(c.staking_program), "slasher": str(c.slasher),
                "paused": c.paused, "reporters": [str(r) for r in slashing.reporters],
                "challengeWindowSecs": settings.challenge_window_secs,
                "appealWindowSecs": settings.appeal_window_secs,
                "rollingWindowSecs": settings.rolling_window_secs,
                "maxRollingBps": settings.max_rolling_bps, "offenses": offenses}
        emit(ctx.output, data, lambda console: key_values(console, [
            ("Admin", str(c.admin)), ("Staking program", str(c.staking_program)),
            ("Paused", "yes" if c.paused else "no"),
            ("Reporters", str(len(slashing.reporters))),
            ("Challenge window", format_duration(settings.challenge_window_secs)),
            ("Appeal window", format_duration(settings.appeal_window_secs)),
            ("Rolling cap", f"{format_bps(settings.max_rolling_bps)} in "
             f"{format_duration(settings.rolling_window_secs)}"),
            *((name, f"up to {format_bps(o['maxBps'])}" + (
                f", jail {format_duration(o['jailSecs'])}" if o["jailSecs"] else ""))
              for name, o in offenses.items())]))

    @command(config_group, "set")
    @_window_options(None)
    @click.option("--offense", "offense_rules", multiple=True, metavar="NAME=CAP%/JAIL",
                  help="an offense's cap and jail, e.g. spoofing=50%/30d (repeatable)")
    @authority_option
    @transaction_options
    async def config_set(ctx: Context, challenge_window: str | None,
                         appeal_window: str | None, rolling_window: str | None,
                         max_rolling: str | None, offense_rules: tuple[str, ...],
                         authority: str | None, **kwargs: Any) -> None:
        """Change io_slashing's windows, caps or offenses (the admin); open proposals keep
        the challenge window they were made with.

        \b
        Example:
          ionet slash config set --challenge-window 5d --offense downtime=2% --authority admin.json
        """
        opts = tx_options_of(kwargs)
        windows = {"challenge-window": challenge_window, "appeal-window": appeal_window,
                   "rolling-window": rolling_window, "max-rolling": max_rolling}
        if all(v is None for v in windows.values()) and not offense_rules:
            raise CliError("name a setting: a window, --max-rolling or --offense")
        slashing = await load_slashing(ctx)
        signer = ctx.signer_arg(authority, "admin")
        require_role(signer, slashing.config.admin, "admin of io_slashing")
        settings = _with_windows(SlashingSettings.of(slashing.config.params), windows)
        settings = replace(settings, offenses={**settings.offenses,
                                               **dict(map(_offense_rule, offense_rules))})
        outcome = await send(ctx, opts, [slashing.program.update_config(
            signer.pubkey, settings)], [signer], names=slashing.names)
        report(ctx, outcome, "Updated io_slashing's settings",
               {"challengeWindowSecs": settings.challenge_window_secs,
                "appealWindowSecs": settings.appeal_window_secs,
                "rollingWindowSecs": settings.rolling_window_secs,
                "maxRollingBps": settings.max_rolling_bps},
               [("Challenge window", format_duration(settings.challenge_window_secs)),
                ("Rolling cap", f"{format_bps(settings.max_rolling_bps)} in "
                 f"{format_duration(settings.rolling_window_secs)}")])

    @command(slash_group, "propose")
    @click.argument("node")
    @click.argument("offense")
    @click.argument("bps")
    @click.option("--evidence", required=True, type=click.Path(path_type=Path),
                  metavar="FILE", help="the evidence; its sha256 goes on chain")
    @authority_option
    @transaction_options
    async def slash_propose(ctx: Context, node: str, offense: str, bps: str, evidence: Path,
                            authority: str | None, **kwargs: Any) -> None:
        """Propose to slash BPS of NODE's stake for OFFENSE (a reporter).

        OFFENSE is spoofing, data-compromise, failed-proof-of-work or downtime; BPS is in
        basis points (500) or a percentage (5%). The node's withdrawals are frozen while
        the proposal is open.

        \b
        Example:
          ionet slash propose 7QzG...Node spoofing 5% --evidence spoof-report.json
        """
        opts = tx_options_of(kwargs)
        kind = parse_offense(offense)
        amount = parse_bps(bps)
        digest = read_evidence(evidence)
        slashing = await load_slashing(ctx)
        address, _ = await slashing.staking.node(node)
        signer = ctx.signer_arg(authority, "reporter")
        if signer.pubkey not in slashing.reporters:
            raise CliError(f"{signer.pubkey} is not a reporter of io_slashing; pass "
                           f"--authority")
        seq = await slashing.program.next_seq(ctx.client, address, ctx.commitment)
        outcome = await send(ctx, opts, [slashing.program.propose_slash(
            signer.pubkey, address, seq, kind, amount, digest)], [signer],
            names=slashing.names)
        report(ctx, outcome, f"Proposed slash {seq} of node {address}: {format_bps(amount)} for "
               f"{OFFENSE_NAMES[kind]}",
               {"node": str(address), "seq": seq, "offense": OFFENSE_NAMES[kind],
                "bps": amount, "evidenceHash": digest.hex(),
                "proposal": str(slashing.program.proposal(address, seq))},
               [("Sequence", seq), ("Evidence sha256", digest.hex())])

    @command(slash_group, "dispute")
    @_seq_argument
    @click.option("--evidence", required=True, type=click.Path(path_type=Path),
                  metavar="FILE", help="the counter-evidence; its sha256 goes on chain")
    @transaction_options
    async def slash_dispute(ctx: Context, node: str, seq: int, evidence: Path,
                            **kwargs: Any) -> None:
        """Dispute slash proposal SEQ of your node inside its challenge window (the owner).

        \b
        Example:
          ionet slash dispute 7QzG...Node 0 --evidence my-logs.tar.gz
        """
        opts = tx_options_of(kwargs)
        digest = read_evidence(evidence)
        slashing = await load_slashing(ctx)
        address, found = await slashing.staking.node(node)
        await slashing.proposal(address, seq)
        owner = ctx.signer
        if owner.pubkey != found.owner:
            raise CliError(f"{owner.pubkey} does not own node {address} (its owner is "
                           f"{found.owner}); only the owner disputes")
        outcome = await send(ctx, opts, [slashing.program.dispute(
            owner.pubkey, address, seq, digest)], [owner], names=slashing.names)
        report(ctx, outcome, f"Disputed slash {seq} of node {address}; the admin resolves it",
               {"node": str(address), "seq": seq, "counterEvidenceHash": digest.hex()})

    @command(slash_group, "resolve")
    @_seq_argument
    @click.argument("decision", type=click.Choice(["uphold", "reject"]))
    @authority_option
    @transaction_options
    async def slash_resolve(ctx: Context, node: str, seq: int, decision: str,
                            authority: str | None, **kwargs: Any) -> None:
        """Decide the appeal of disputed proposal SEQ: uphold or reject it (the admin).

        \b
        Example:
          ionet slash resolve 7QzG...Node 0 reject --authority admin.json
        """
        opts = tx_options_of(kwargs)
        slashing = await load_slashing(ctx)
        address, _ = await slashing.staking.node(node)
        await slashing.proposal(address, seq)
        signer = ctx.signer_arg(authority, "admin")
        require_role(signer, slashing.config.admin, "admin of io_slashing")
        uphold = decision == "uphold"
        outcome = await send(ctx, opts, [slashing.program.resolve(
            signer.pubkey, address, seq, uphold)], [signer], names=slashing.names)
        report(ctx, outcome, f"{'Upheld' if uphold else 'Rejected'} slash {seq} of node "
               f"{address}", {"node": str(address), "seq": seq, "uphold": uphold})

    @command(slash_group, "execute")
    @_seq_argument
    @transaction_options
    async def slash_execute(ctx: Context, node: str, seq: int, **kwargs: Any) -> None:
        """Execute proposal SEQ once undisputed past its window, or upheld (anyone may).

        \b
        Example:
          ionet slash execute 7QzG...Node 0
        """
        opts = tx_options_of(kwargs)
        slashing = await load_slashing(ctx)
        address, _ = await slashing.staking.node(node)
        proposal = await slashing.proposal(address, seq)
        now = await cluster_now(ctx)
        if proposal.status == Status.PENDING and now < proposal.challenge_ends_at:
            raise CliError(f"slash {seq} of node {address} can be disputed for another "
                           f"{format_duration(proposal.challenge_ends_at - now)}; it executes "
                           f"after {format_time(proposal.challenge_ends_at)}")
        outcome = await send(ctx, opts, [slashing.program.execute_slash(
            address, seq, slashing.staking.config.treasury)], names=slashing.names)
        report(ctx, outcome, f"Executed slash {seq} of node {address} "
               f"({format_bps(proposal.bps)})",
               {"node": str(address), "seq": seq, "bps": proposal.bps})

    @command(slash_group, "cancel")
    @_seq_argument
    @authority_option
    @transaction_options
    async def slash_cancel(ctx: Context, node: str, seq: int, authority: str | None,
                           **kwargs: Any) -> None:
        """Withdraw proposal SEQ before it is executed (its reporter or the admin).

        \b
        Example:
          ionet slash cancel 7QzG...Node 0 --authority reporter.json
        """
        opts = tx_options_of(kwargs)
        slashing = await load_slashing(ctx)
        address, _ = await slashing.staking.node(node)
        proposal = await slashing.proposal(address, seq)
        signer = ctx.signer_arg(authority, "reporter or admin")
        _check_canceller(signer, proposal, slashing, await cluster_now(ctx))
        outcome = await send(ctx, opts, [slashing.program.cancel(signer.pubkey, address,
                                                                 seq)],
                             [signer], names=slashing.names)
        report(ctx, outcome, f"Cancelled slash {seq} of node {address}",
               {"node": str(address), "seq": seq})

    @command(slash_group, "list")
    @click.argument("node")
    async def slash_list(ctx: Context, node: str) -> None:
        """A node's slash proposals: status, offense, share, reporter, what comes next.

        \b
        Example:
          ionet slash list 7QzG...Node --output json
        """
        slashing = await load_slashing(ctx)
        address, _ = await slashing.staking.node(node)
        found = await ctx.client.get_program_accounts(
            slashing.program.program_id, commitment=ctx.commitment, encoding="base64",
            filters=[MemcmpOpts(offset=0, bytes=b58encode(SlashProposal.discriminator).decode()),
                     MemcmpOpts(offset=NODE_OFFSET, bytes=str(address))])
        rows = sorted((proposal_json(a.pubkey, SlashProposal.decode(bytes(a.account.data)))
                       for a in found.value), key=lambda r: int(r["seq"]))
        now = await cluster_now(ctx)

        def human(console: Console) -> None:
            if not rows:
                console.print(f"No slash proposals for node {address}.", markup=False)
                return
            table(console, ["seq", "status", "offense", "share", "reporter", "proposed",
                            "next"],
                  [[r["seq"], r["status"], r["offense"], format_bps(r["bps"]),
                    r["reporter"], format_time(r["createdAt"]), _next_step(r, now)]
                   for r in rows], right=["seq", "share"])
        emit(ctx.output, rows, human)

    @cli.group("reporter")
    def reporter_group() -> None:
        """Who may propose slashes (io_slashing's admin decides)."""

    def reporter_command(name: str, enabled: bool, doc: str) -> None:
        @command(reporter_group, name)
        @click.argument("reporter")
        @authority_option
        @transaction_options
        async def run(ctx: Context, reporter: str, authority: str | None,
                      **kwargs: Any) -> None:
            opts = tx_options_of(kwargs)
            slashing = await load_slashing(ctx)
            key = parse_pubkey(reporter, "REPORTER")
            signer = ctx.signer_arg(authority, "admin")
            require_role(signer, slashing.config.admin, "admin of io_slashing")
            if enabled and key in slashing.reporters:
                raise CliError(f"{key} is a reporter already")
            if not enabled and key not in slashing.reporters:
                raise CliError(f"{key} is not a reporter")
            outcome = await send(ctx, opts, [slashing.program.set_reporter(
                signer.pubkey, key, enabled)], [signer], names=slashing.names)
            count = len(slashing.reporters) + (1 if enabled else -1)
            report(ctx, outcome, f"{'Added' if enabled else 'Removed'} reporter {key} "
                   f"({count} reporter{'' if count == 1 else 's'} now)",
                   {"reporter": str(key), "enabled": enabled, "reporters": count})

        run.help = doc

    reporter_command("add", True, "Let REPORTER propose slashes (the admin).\n\n"
                     "\b\nExample:\n  ionet reporter add 5Xy...Reporter --authority admin.json")
    reporter_command("remove", False, "Stop REPORTER from proposing slashes (the admin); "
                     "its open proposals stay open.\n\n"
                     "\b\nExample:\n  ionet reporter remove 5Xy...Reporter "
                     "--authority admin.json")


def _check_canceller(signer: Signer, proposal: SlashProposal, slashing: Slashing,
                     now: int) -> None:
    """Its reporter or the admin may cancel; anyone, a dispute left unresolved past its
    appeal window."""
    if signer.pubkey in (proposal.reporter, slashing.config.admin):
        return
    if proposal.status == Status.DISPUTED and now >= proposal.appeal_ends_at:
        return
    raise CliError(f"{signer.pubkey} is neither the proposal's reporter ({proposal.reporter}) "
                   f"nor the admin ({slashing.config.admin}); pass --authority")
