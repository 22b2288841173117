"""Nodes and stake: ``node register | show | list``, ``stake``, ``costake``, ``unstake``,
``cancel-unstake``, ``start-cooldown``, ``withdraw``, ``positions``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import click
from based58 import b58encode
from rich.console import Console
from solana.rpc.types import MemcmpOpts
from solders.pubkey import Pubkey

from ionet.cli.common import command
from ionet.cli.context import Context, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.output import emit, key_values, table
from ionet.cli.staking_accounts import (
    OWNER_OFFSET,
    STAKER_OFFSET,
    Staking,
    load_staking,
    node_id_of,
)
from ionet.cli.tx import report, send, transaction_options, tx_options_of
from ionet.cli.units import format_duration, format_time, parse_amount
from ionet.staking import (
    BPS_DENOMINATOR,
    UNSTAKE_ALL,
    Node,
    StakePosition,
    is_eligible,
    minimum_stake,
    pending_rewards,
    pool_value,
    position_values,
)

__all__ = [
    "check_cooldown_ready",
    "check_withdrawable",
    "costake_room",
    "node_json",
    "position_rows",
    "register",
    "unstake_units",
]

NODE_HELP = "NODE is a node address, a node id (64 hex digits) or a device UUID."


def _bps(text: str, scale: int, what: str, maximum: int) -> int:
    """``text`` (a decimal, optionally with ``%``) times ``scale``, exact, as an integer."""
    raw = text.strip().removesuffix("%")
    try:
        value = Decimal(raw) * scale
    except InvalidOperation:
        raise CliError(f"{what} {text!r} is not a number") from None
    if value != value.to_integral_value() or not 0 <= value <= maximum:
        raise CliError(f"{what} {text} must be between 0 and {Decimal(maximum) / scale} with "
                       f"at most {len(str(scale)) - 1} decimals")
    return int(value)


def parse_percent(text: str, what: str) -> int:
    """``"50%"`` or ``"50"`` → 5 000 basis points."""
    return _bps(text, 100, what, BPS_DENOMINATOR)


def costake_room(staking: Staking, node: Node) -> int | None:
    """Co-stake the node can still take (None: no cap)."""
    cap = staking.config.max_costake_bps
    if cap >= BPS_DENOMINATOR:
        return None
    costake = pool_value(node.active, node.costake_shares)
    room = (node.active.tokens * cap - costake * BPS_DENOMINATOR) // (BPS_DENOMINATOR - cap)
    return max(room, 0)


def node_json(staking: Staking, address: Pubkey, node: Node, now: int) -> dict[str, Any]:
    config = staking.config
    minimum = minimum_stake(config.min_stake_per_gpu, node.multiplier_bps, node.gpu_count)
    return {
        "address": str(address),
        "nodeId": bytes(node.node_id).hex(),
        "owner": str(node.owner),
        "gpuCount": node.gpu_count,
        "multiplierBps": node.multiplier_bps,
        "costakeRewardShareBps": node.costake_reward_share_bps,
        "activeStake": node.active.tokens,
        "unbondingStake": node.unbonding.tokens,
        "minimumStake": minimum,
        "eligible": is_eligible(config, node, now),
        "costake": pool_value(node.active, node.costake_shares),
        "costakeRoom": costake_room(staking, node),
        "jailed": node.jailed_until > now,
        "jailedUntil": node.jailed_until,
        "closed": node.closed,
        "positions": node.position_count,
        "ownerRewards": node.owner_rewards,
        "rewardsClaimed": node.rewards_claimed,
        "slashedTotal": node.slashed_total,
        "registeredAt": node.registered_at,
        "decimals": staking.decimals,
    }


def _jail_text(data: dict[str, Any], now: int) -> str:
    if not data["jailed"]:
        return "no"
    until = data["jailedUntil"]
    return f"until {format_time(until)} ({format_duration(until - now)})"


def _room_text(staking: Staking, room: int | None) -> str:
    return "unlimited" if room is None else staking.amount(room)


async def position_rows(staking: Staking, who: Pubkey) -> list[dict[str, Any]]:
    """``who``'s positions: stake (active, leaving, unbonding), unlock times, claimable
    rewards, in base units; sorted by node."""
    ctx = staking.ctx
    found = await ctx.client.get_program_accounts(
        staking.program_id, commitment=ctx.commitment, encoding="base64", filters=[
            MemcmpOpts(offset=0, bytes=b58encode(StakePosition.discriminator).decode()),
            MemcmpOpts(offset=STAKER_OFFSET, bytes=str(who))])
    rows: list[dict[str, Any]] = []
    for account in found.value:
        position = StakePosition.decode(bytes(account.account.data))
        node = await staking.program.fetch_node(ctx.client, position.node, ctx.commitment)
        if node is None:
            continue
        active, unbonding = position_values(node, position)
        leaving = pool_value(node.active, position.leaving_shares)
        rows.append({
            "position": str(account.pubkey), "node": str(position.node),
            "role": "owner" if node.owner == who else "co-staker",
            "active": active - leaving, "leaving": leaving,
            "leaveReadyAt": position.leave_ready_at if leaving else None,
            "unbonding": unbonding,
            "unlockAt": position.unlock_at if position.unbonding_shares else None,
            "claimable": pending_rewards(node, position), "decimals": staking.decimals})
    rows.sort(key=lambda r: r["node"])
    return rows


def unstake_units(staking: Staking, text: str, node: Node, position: StakePosition) -> int:
    """``request_unstake``'s amount for ``text`` (whole tokens, or "all"), within the
    position's active stake."""
    units = UNSTAKE_ALL if text.strip().lower() == "all" else \
        parse_amount(text, staking.decimals)
    active, _ = position_values(node, position)
    if units != UNSTAKE_ALL and units > active:
        raise CliError(f"the position holds {staking.amount(active)} active stake, less "
                       f"than {staking.amount(units)}")
    return units


def check_cooldown_ready(address: Pubkey, who: Pubkey, position: StakePosition,
                         now: int) -> None:
    """Refuses a ``start_cooldown`` with nothing leaving or before the exit wait ends."""
    if position.leaving_shares == 0:
        raise CliError(f"the position of {who} in node {address} has no stake waiting "
                       f"to leave")
    if position.leave_ready_at > now:
        raise CliError(f"the exit wait of {who} ends in "
                       f"{format_duration(position.leave_ready_at - now)} "
                       f"({format_time(position.leave_ready_at)})")


def check_withdrawable(address: Pubkey, position: StakePosition, now: int) -> None:
    """Refuses a ``withdraw`` with nothing unbonding or before the cooldown ends."""
    if position.unbonding_shares == 0:
        raise CliError(f"the position in node {address} has no unbonding stake to "
                       f"withdraw")
    if position.unlock_at > now:
        raise CliError(f"the cooldown ends in {format_duration(position.unlock_at - now)}"
                       f" ({format_time(position.unlock_at)})")


def register(cli: click.Group) -> None:
    """Adds the node and stake commands to ``cli``."""

    @cli.group("node")
    def node_group() -> None:
        """Register and inspect GPU nodes."""

    @command(node_group, "register")
    @click.argument("node_id")
    @click.argument("gpu_count", type=click.IntRange(1, 65_535))
    @click.option("--multiplier", default="1", show_default=True,
                  help="earning multiplier (e.g. 10 for an H100, 0.25 for an RTX 4070)")
    @click.option("--costake-share", default="20%", show_default=True,
                  help="share of the node's rewards paid to co-stakers")
    @transaction_options
    async def node_register(ctx: Context, node_id: str, gpu_count: int, multiplier: str,
                            costake_share: str, **kwargs: Any) -> None:
        """Register a node (the keypair becomes its owner).

        NODE_ID is 64 hex digits, or any text such as an io.net device UUID (its SHA-256 is
        then the id).

        \b
        Example:
          ionet node register 0b3c5a52-1f0e-4c43-9a1e-6d2b0c8f7e11 8 --multiplier 10
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        raw_id = node_id_of(node_id)
        address = staking.program.node(raw_id)
        owner = ctx.signer
        multiplier_bps = _bps(multiplier, BPS_DENOMINATOR, "--multiplier", 2**32 - 1)
        share_bps = parse_percent(costake_share, "--costake-share")
        if (await ctx.client.get_account_info(address, ctx.commitment)).value is not None:
            raise CliError(f"node {node_id} is registered already, at {address}")
        outcome = await send(ctx, opts, [staking.program.register_node(
            owner.pubkey, raw_id, gpu_count, multiplier_bps, share_bps)], [owner],
            names=staking.names)
        report(ctx, outcome, f"Registered node {address} ({gpu_count} GPUs)",
               {"node": str(address), "nodeId": raw_id.hex()},
               [("Node", str(address)), ("Node id", raw_id.hex())])

    @command(node_group, "show")
    @click.argument("node")
    async def node_show(ctx: Context, node: str) -> None:
        """Show a node: stake, minimum, eligibility, co-stake room, jail, rewards.

        NODE is a node address, a node id (64 hex digits) or a device UUID.

        \b
        Example:
          ionet node show 7Qz...Node --output json
        """
        staking = await load_staking(ctx)
        address, found = await staking.node(node)
        now = await staking.now()
        data = node_json(staking, address, found, now)

        def human(console: Console) -> None:
            a = staking.amount
            key_values(console, [
                ("Node", data["address"]),
                ("Node id", data["nodeId"]),
                ("Owner", data["owner"]),
                ("GPUs", data["gpuCount"]),
                ("Multiplier", f"{Decimal(found.multiplier_bps) / BPS_DENOMINATOR:g}x"),
                ("Co-staker share", f"{Decimal(found.costake_reward_share_bps) / 100:g}%"),
                ("Active stake", a(data["activeStake"])),
                ("Unbonding stake", a(data["unbondingStake"])),
                ("Minimum stake", a(data["minimumStake"])),
                ("Eligible", "yes" if data["eligible"] else "no"),
                ("Co-stake", a(data["costake"])),
                ("Co-stake room", _room_text(staking, data["costakeRoom"])),
                ("Jailed", _jail_text(data, now)),
                ("Closed", "yes (a new owner can take the id over: reopen_node)"
                 if data["closed"] else "no"),
                ("Positions", data["positions"]),
                ("Owner rewards", a(data["ownerRewards"])),
                ("Rewards claimed", a(data["rewardsClaimed"])),
                ("Slashed", a(data["slashedTotal"])),
                ("Registered", format_time(data["registeredAt"])),
            ])
        emit(ctx.output, data, human)

    @command(node_group, "list")
    @click.option("--owner", metavar="PUBKEY", help="only this owner's nodes")
    @click.option("--eligible", "only_eligible", is_flag=True, help="only eligible nodes")
    async def node_list(ctx: Context, owner: str | None, only_eligible: bool) -> None:
        """List nodes with their stake, eligibility, co-stake room and jail state.

        \b
        Example:
          ionet node list --owner 9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin
        """
        staking = await load_staking(ctx)
        filters = [MemcmpOpts(offset=0, bytes=b58encode(Node.discriminator).decode())]
        if owner:
            filters.append(MemcmpOpts(offset=OWNER_OFFSET,
                                      bytes=str(parse_pubkey(owner, "--owner"))))
        found = await ctx.client.get_program_accounts(
            staking.program_id, commitment=ctx.commitment, encoding="base64", filters=filters)
        now = await staking.now()
        nodes = [node_json(staking, a.pubkey, Node.decode(bytes(a.account.data)), now)
                 for a in found.value]
        if only_eligible:
            nodes = [n for n in nodes if n["eligible"]]
        nodes.sort(key=lambda n: (-n["activeStake"], n["address"]))

        def human(console: Console) -> None:
            if not nodes:
                console.print("No nodes.")
                return
            a = staking.amount
            table(console, ["node", "owner", "GPUs", "stake", "minimum", "eligible",
                            "co-stake", "room", "jailed"],
                  [[n["address"], n["owner"], n["gpuCount"], a(n["activeStake"]),
                    a(n["minimumStake"]), "yes" if n["eligible"] else "no", a(n["costake"]),
                    _room_text(staking, n["costakeRoom"]),
                    format_duration(n["jailedUntil"] - now) if n["jailed"] else "no"]
                   for n in nodes],
                  right=["GPUs", "stake", "minimum", "co-stake", "room"])
        emit(ctx.output, nodes, human)

    # ---- stake

    async def deposit(ctx: Context, node: str, amount: str, token_account: str | None,
                      opts: Any, owner_stake: bool) -> None:
        staking = await load_staking(ctx)
        address, found = await staking.node(node)
        units = parse_amount(amount, staking.decimals)
        staker = ctx.signer
        if found.closed:
            raise CliError(f"node {address} is closed; it takes no stake")
        if owner_stake and found.owner != staker.pubkey:
            raise CliError(f"{staker.pubkey} does not own node {address} (its owner is "
                           f"{found.owner}); co-stake with `ionet costake`")
        if not owner_stake and found.owner == staker.pubkey:
            raise CliError(f"{staker.pubkey} owns node {address}; owners stake with "
                           f"`ionet stake`")
        given = parse_pubkey(token_account, "--token-account") if token_account else None
        source = await staking.source_account(staker.pubkey, given, units)
        build = staking.program.stake if owner_stake else staking.program.costake
        outcome = await send(ctx, opts, [build(staker.pubkey, address, units, source)],
                             [staker], names=staking.names)
        verb = "Staked" if owner_stake else "Co-staked"
        report(ctx, outcome, f"{verb} {staking.amount(units)} in node {address}",
               {"node": str(address), "amount": units, "decimals": staking.decimals})

    token_option = click.option("--token-account", metavar="PUBKEY",
                                help="token account to pay from [default: the signer's "
                                "associated token account]")

    @command(cli, "stake")
    @click.argument("node")
    @click.argument("amount")
    @token_option
    @transaction_options
    async def stake(ctx: Context, node: str, amount: str, token_account: str | None,
                    **kwargs: Any) -> None:
        """Stake AMOUNT (whole tokens) in your own node.

        NODE is a node address, a node id (64 hex digits) or a device UUID.

        \b
        Example:
          ionet stake 7QzG...Node 1600
        """
        await deposit(ctx, node, amount, token_account, tx_options_of(kwargs), True)

    @command(cli, "costake")
    @click.argument("node")
    @click.argument("amount")
    @token_option
    @transaction_options
    async def costake(ctx: Context, node: str, amount: str, token_account: str | None,
                      **kwargs: Any) -> None:
        """Co-stake AMOUNT (whole tokens) in someone else's node.

        NODE is a node address, a node id (64 hex digits) or a device UUID.

        \b
        Example:
          ionet costake 7QzG...Node 250.5
        """
        await deposit(ctx, node, amount, token_account, tx_options_of(kwargs), False)

    @command(cli, "unstake")
    @click.argument("node")
    @click.argument("amount", default="all")
    @transaction_options
    async def unstake(ctx: Context, node: str, amount: str, **kwargs: Any) -> None:
        """Start unstaking AMOUNT (whole tokens, or "all", the default) from a node.

        The owner's stake goes into the cooldown at once; a co-staker's first waits out
        the exit wait (then anyone runs `ionet start-cooldown`).

        \b
        Example:
          ionet unstake 7QzG...Node 100
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        address, found = await staking.node(node)
        staker = ctx.signer
        position = await staking.position(address, staker.pubkey)
        units = unstake_units(staking, amount, found, position)
        outcome = await send(ctx, opts, [staking.program.request_unstake(
            staker.pubkey, address, units)], [staker], names=staking.names)
        shown = "all active stake" if units == UNSTAKE_ALL else staking.amount(units)
        report(ctx, outcome, f"Unstaking {shown} from node {address}",
               {"node": str(address), "amount": None if units == UNSTAKE_ALL else units,
                "decimals": staking.decimals})

    @command(cli, "cancel-unstake")
    @click.argument("node")
    @transaction_options
    async def cancel_unstake(ctx: Context, node: str, **kwargs: Any) -> None:
        """Return stake that is leaving or in its cooldown to active stake.

        \b
        Example:
          ionet cancel-unstake 7QzG...Node
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        address, _ = await staking.node(node)
        staker = ctx.signer
        await staking.position(address, staker.pubkey)
        outcome = await send(ctx, opts, [staking.program.cancel_unstake(
            staker.pubkey, address)], [staker], names=staking.names)
        report(ctx, outcome, f"Cancelled the unstaking in node {address}",
               {"node": str(address)})

    @command(cli, "start-cooldown")
    @click.argument("node")
    @click.argument("staker", required=False)
    @transaction_options
    async def start_cooldown(ctx: Context, node: str, staker: str | None,
                             **kwargs: Any) -> None:
        """Move a co-staker's leaving stake into the cooldown once the exit wait is over.

        Anyone may send it; STAKER defaults to the keypair's address.

        \b
        Example:
          ionet start-cooldown 7QzG...Node 9xQe...Staker
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        address, _ = await staking.node(node)
        who = parse_pubkey(staker, "STAKER") if staker else ctx.signer.pubkey
        position = await staking.position(address, who)
        check_cooldown_ready(address, who, position, await staking.now())
        outcome = await send(ctx, opts, [staking.program.start_cooldown(address, who)],
                             names=staking.names)
        report(ctx, outcome, f"Started the cooldown of {who} in node {address}",
               {"node": str(address), "staker": str(who)})

    @command(cli, "withdraw")
    @click.argument("node")
    @click.option("--token-account", metavar="PUBKEY",
                  help="token account to pay to [default: the signer's associated one]")
    @transaction_options
    async def withdraw(ctx: Context, node: str, token_account: str | None,
                       **kwargs: Any) -> None:
        """Withdraw unbonded stake whose cooldown is over.

        \b
        Example:
          ionet withdraw 7QzG...Node
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        address, found = await staking.node(node)
        staker = ctx.signer
        position = await staking.position(address, staker.pubkey)
        _, unbonding = position_values(found, position)
        check_withdrawable(address, position, await staking.now())
        payer = ctx.signer_arg(opts.fee_payer, "fee payer").pubkey
        given = parse_pubkey(token_account, "--token-account") if token_account else None
        dest, create = await staking.destination(staker.pubkey, given, payer)
        outcome = await send(ctx, opts, [*create, staking.program.withdraw(
            staker.pubkey, address, dest)], [staker], names=staking.names)
        report(ctx, outcome, f"Withdrew {staking.amount(unbonding)} from node {address}",
               {"node": str(address), "amount": unbonding, "decimals": staking.decimals})

    @command(cli, "positions")
    @click.option("--staker", metavar="PUBKEY", help="whose positions [default: -k's]")
    async def positions(ctx: Context, staker: str | None) -> None:
        """List your stake positions: stake, unlock times, claimable rewards.

        \b
        Example:
          ionet positions --output json
        """
        staking = await load_staking(ctx)
        who = parse_pubkey(staker, "--staker") if staker else ctx.signer.pubkey
        rows = await position_rows(staking, who)
        now = await staking.now()

        def when(at: int | None) -> str:
            if at is None:
                return "-"
            return "now" if at <= now else f"in {format_duration(at - now)}"

        def human(console: Console) -> None:
            if not rows:
                console.print(f"No positions of {who}.", markup=False)
                return
            a = staking.amount
            table(console, ["node", "role", "active", "leaving", "ready", "unbonding",
                            "unlocks", "claimable"],
                  [[r["node"], r["role"], a(r["active"]), a(r["leaving"]),
                    when(r["leaveReadyAt"]), a(r["unbonding"]), when(r["unlockAt"]),
                    a(r["claimable"])] for r in rows],
                  right=["active", "leaving", "unbonding", "claimable"])
        emit(ctx.output, rows, human)
