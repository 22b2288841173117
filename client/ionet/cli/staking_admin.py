"""io_staking administration: ``init``, ``config show | set``, ``admin propose | accept``,
``pause | unpause``. ``--authority`` names the signer that holds the role (default ``-k``);
with a multisig, give its address and ``--print-instructions`` for the proposal."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import click
from rich.console import Console
from solders.pubkey import Pubkey

from ionet.cli.chain import fetch_mint, require_upgrade_authority
from ionet.cli.common import command
from ionet.cli.context import Context, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.output import emit, key_values
from ionet.cli.program_admin import register_handover_commands
from ionet.cli.staking import parse_percent
from ionet.cli.staking_accounts import PROGRAM, Staking, load_staking
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
    format_duration,
    format_time,
    parse_amount,
    parse_duration,
)
from ionet.slashing import slasher_address
from ionet.staking import (
    Settings,
    StakingProgram,
    config_address,
)

__all__ = ["register"]



def _settings_options(func: Any) -> Any:
    options = [
        click.option("--reward-authority", metavar="PUBKEY", help="who posts reward roots"),
        click.option("--pause-authority", metavar="PUBKEY", help="who may pause"),
        click.option("--slasher", metavar="PUBKEY",
                     help="the slashing program's [\"slasher\"] PDA"),
        click.option("--treasury", metavar="PUBKEY",
                     help="token account of the stake mint receiving slashed stake"),
        click.option("--min-stake-per-gpu", metavar="AMOUNT", help="whole tokens per GPU"),
        click.option("--cooldown", metavar="DURATION", help="unstake cooldown, e.g. 14d"),
        click.option("--exit-wait", metavar="DURATION",
                     help="co-staker exit wait, e.g. 7d"),
        click.option("--max-costake", metavar="PERCENT",
                     help="co-stake cap, share of a node's stake, e.g. 50%"),
        click.option("--slash-burn/--slash-to-treasury", default=None,
                     help="burn slashed stake instead of sending it to the treasury"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _apply(settings: Settings, decimals: int, kw: dict[str, Any]) -> Settings:
    changes: dict[str, Any] = {}
    for name in ("reward_authority", "pause_authority", "slasher", "treasury"):
        if kw.get(name):
            changes[name] = parse_pubkey(kw[name], "--" + name.replace("_", "-"))
    if kw.get("min_stake_per_gpu"):
        changes["min_stake_per_gpu"] = parse_amount(kw["min_stake_per_gpu"], decimals,
                                                    "--min-stake-per-gpu")
    if kw.get("cooldown"):
        changes["unstake_cooldown_secs"] = parse_duration(kw["cooldown"], "--cooldown")
    if kw.get("exit_wait"):
        changes["costaker_exit_wait_secs"] = parse_duration(kw["exit_wait"], "--exit-wait")
    if kw.get("max_costake"):
        changes["max_costake_bps"] = parse_percent(kw["max_costake"], "--max-costake")
    if kw.get("slash_burn") is not None:
        changes["slash_burn"] = kw["slash_burn"]
    return replace(settings, **changes)


def _settings_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    names = ("reward_authority", "pause_authority", "slasher", "treasury",
             "min_stake_per_gpu", "cooldown", "exit_wait", "max_costake", "slash_burn")
    return {n: kwargs.pop(n) for n in names}


def config_json(staking: Staking) -> dict[str, Any]:
    c = staking.config
    return {
        "programId": str(staking.program_id), "config": str(staking.program.config),
        "paused": c.paused, "admin": str(c.admin),
        "pendingAdmin": None if c.pending_admin == Pubkey.default() else str(c.pending_admin),
        "rewardAuthority": str(c.reward_authority), "pauseAuthority": str(c.pause_authority),
        "slasher": str(c.slasher), "stakeMint": str(c.stake_mint),
        "tokenProgram": str(c.stake_token_program), "decimals": c.mint_decimals,
        "stakeVault": str(c.stake_vault), "rewardVault": str(c.reward_vault),
        "treasury": str(c.treasury), "slashBurn": c.slash_burn,
        "minStakePerGpu": c.min_stake_per_gpu, "unstakeCooldownSecs": c.unstake_cooldown_secs,
        "costakerExitWaitSecs": c.costaker_exit_wait_secs,
        "maxCostakeBps": c.max_costake_bps,
        "pendingChange": _pending_json(staking) if c.has_pending_params else None,
    }


def _pending_json(staking: Staking) -> dict[str, Any]:
    """The settings change `config set` proposed, and when `config apply` can apply it."""
    c = staking.config
    p = c.pending_params
    return {
        "activatesAt": c.pending_activates_at,
        "rewardAuthority": str(p.reward_authority), "pauseAuthority": str(p.pause_authority),
        "slasher": str(p.slasher), "treasury": str(p.treasury), "slashBurn": p.slash_burn,
        "minStakePerGpu": p.min_stake_per_gpu, "unstakeCooldownSecs": p.unstake_cooldown_secs,
        "costakerExitWaitSecs": p.costaker_exit_wait_secs, "maxCostakeBps": p.max_costake_bps,
    }


def register(cli: click.Group) -> None:

    @command(cli, "init")
    @click.option("--mint", required=True, metavar="PUBKEY", help="the stake mint")
    @click.option("--admin", metavar="PUBKEY", help="the admin [default: -k]")
    @_settings_options
    @transaction_options
    async def init(ctx: Context, mint: str, admin: str | None, **kwargs: Any) -> None:
        """Initialize io_staking (signed by its upgrade authority, -k).

        Defaults: io.net's numbers (200 tokens per GPU, 14d cooldown, 7d exit wait, 50%
        co-stake cap); every role the admin; the slasher io_slashing's ["slasher"] PDA;
        the treasury the admin's associated token account.

        \b
        Example:
          ionet init --mint IoMint... --treasury Treasury... --pause-authority Pauser...
        """
        settings_kw = _settings_kwargs(kwargs)
        opts = tx_options_of(kwargs)
        program_id = ctx.program_id(PROGRAM)
        client = ctx.client
        mint_key = parse_pubkey(mint, "--mint")
        found_mint = await fetch_mint(ctx, mint_key)
        decimals = found_mint.decimals
        program = StakingProgram(program_id, mint_key, found_mint.token_program)
        if (await client.get_account_info(config_address(program_id), ctx.commitment)
                ).value is not None:
            raise CliError(f"io_staking at {program_id} is initialized already")
        authority = ctx.signer
        await require_upgrade_authority(ctx, program_id, authority)
        admin_key = parse_pubkey(admin, "--admin") if admin else authority.pubkey
        slasher = None
        if not settings_kw["slasher"]:
            try:
                slashing_id: Pubkey | None = ctx.program_id("io_slashing", override=False)
            except CliError:
                slashing_id = None
            if slashing_id is None:
                raise CliError("pass --slasher (no io_slashing id in Anchor.toml)")
            slasher = slasher_address(slashing_id)
        treasury = parse_pubkey(settings_kw["treasury"], "--treasury") \
            if settings_kw["treasury"] else program.token_account(admin_key)
        base = Settings.io_net(decimals, reward_authority=admin_key, pause_authority=admin_key,
                               slasher=slasher or Pubkey.default(), treasury=treasury)
        settings = _apply(base, decimals, settings_kw)
        pre = []
        if not settings_kw["treasury"] and (await client.get_account_info(
                treasury, ctx.commitment)).value is None:
            from spl.token.instructions import create_idempotent_associated_token_account

            payer = ctx.signer_arg(opts.fee_payer, "fee payer").pubkey
            pre.append(create_idempotent_associated_token_account(
                payer, admin_key, mint_key, found_mint.token_program))
        outcome = await send(ctx, opts, [*pre, program.initialize(
            authority.pubkey, admin_key, settings)], [authority], names={program_id: PROGRAM})
        report(ctx, outcome, f"Initialized io_staking at {program_id}",
               {"programId": str(program_id), "admin": str(admin_key),
                "treasury": str(settings.treasury), "slasher": str(settings.slasher)},
               [("Admin", str(admin_key)), ("Treasury", str(settings.treasury))])

    @cli.group("config")
    def config_group() -> None:
        """Show or change io_staking's settings."""

    @command(config_group, "show")
    async def config_show(ctx: Context) -> None:
        """Show io_staking's config.

        \b
        Example:
          ionet config show -u devnet
        """
        staking = await load_staking(ctx)
        data = config_json(staking)

        def human(console: Console) -> None:
            d = data
            key_values(console, [
                ("Program", d["programId"]), ("Paused", "yes" if d["paused"] else "no"),
                ("Admin", d["admin"]), ("Pending admin", d["pendingAdmin"] or "-"),
                ("Reward authority", d["rewardAuthority"]),
                ("Pause authority", d["pauseAuthority"]), ("Slasher", d["slasher"]),
                ("Stake mint", f"{d['stakeMint']} ({d['decimals']} decimals)"),
                ("Token program", d["tokenProgram"]), ("Treasury", d["treasury"]),
                ("Slashed stake", "burnt" if d["slashBurn"] else "to the treasury"),
                ("Minimum stake per GPU", format_amount(d["minStakePerGpu"], d["decimals"])),
                ("Unstake cooldown", format_duration(d["unstakeCooldownSecs"])),
                ("Co-staker exit wait", format_duration(d["costakerExitWaitSecs"])),
                ("Co-stake cap", f"{Decimal(d['maxCostakeBps']) / 100:g}%"),
                ("Pending change", "-" if d["pendingChange"] is None else
                 f"applies from {format_time(d['pendingChange']['activatesAt'])} "
                 "(ionet config apply)"),
            ])
        emit(ctx.output, data, human)

    @command(config_group, "set")
    @_settings_options
    @authority_option
    @transaction_options
    async def config_set(ctx: Context, authority: str | None, **kwargs: Any) -> None:
        """Change settings (signed by the admin); unnamed settings keep their values.

        A change that takes nothing from stakers (a new pause authority, burning slashed
        stake) applies at once; any other is proposed and applies after a delay longer
        than any staker's way out, through `ionet config apply`.

        \b
        Example:
          ionet config set --cooldown 21d --max-costake 40%
        """
        settings_kw = _settings_kwargs(kwargs)
        opts = tx_options_of(kwargs)
        if all(v is None for v in settings_kw.values()):
            raise CliError("name at least one setting to change (see --help)")
        staking = await load_staking(ctx)
        signer = ctx.signer_arg(authority, "admin")
        require_role(signer, staking.config.admin, "admin")
        settings = _apply(Settings.of(staking.config), staking.decimals, settings_kw)
        outcome = await send(ctx, opts, [staking.program.update_config(signer.pubkey,
                                                                       settings)],
                             [signer], names=staking.names)
        if outcome.kind != "sent":
            report(ctx, outcome, "Updated the config", {})
            return
        after = await load_staking(ctx)
        pending = _pending_json(after) if after.config.has_pending_params else None
        summary = "Updated the config" if pending is None else (
            f"Proposed the change; it applies from {format_time(pending['activatesAt'])} "
            "(ionet config apply)")
        report(ctx, outcome, summary, {"pendingChange": pending})

    @command(config_group, "apply")
    @transaction_options
    async def config_apply(ctx: Context, **kwargs: Any) -> None:
        """Apply the proposed settings change once its delay has passed (anyone may).

        \b
        Example:
          ionet config apply -u devnet
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        if not staking.config.has_pending_params:
            raise CliError("no settings change is pending")
        outcome = await send(ctx, opts, [staking.program.apply_config()], [],
                             names=staking.names)
        report(ctx, outcome, "Applied the pending settings change", {})

    register_handover_commands(cli, PROGRAM, load_staking, "ionet")

    def pause_command(name: str, paused: bool, doc: str) -> None:
        @command(cli, name)
        @authority_option
        @transaction_options
        async def run(ctx: Context, authority: str | None, **kwargs: Any) -> None:
            opts = tx_options_of(kwargs)
            staking = await load_staking(ctx)
            signer = ctx.signer_arg(authority, "pause authority")
            config = staking.config
            if signer.pubkey not in (config.pause_authority, config.admin):
                raise CliError(f"{signer.pubkey} is neither the pause authority "
                               f"({config.pause_authority}) nor the admin; pass --authority")
            outcome = await send(ctx, opts, [staking.program.set_paused(signer.pubkey,
                                                                        paused)],
                                 [signer], names=staking.names)
            report(ctx, outcome, "Paused io_staking" if paused else "Resumed io_staking",
                   {"paused": paused})

        run.help = doc

    pause_command("pause", True, "Pause staking (signed by the pause authority).\n\n"
                  "\b\nExample:\n  ionet pause --authority pauser.json")
    pause_command("unpause", False, "Resume staking (signed by the pause authority).\n\n"
                  "\b\nExample:\n  ionet unpause --authority pauser.json")
