"""io_staking's actions: stake (the node's owner), co-stake, request unstake, cancel
unstake, start cooldown, withdraw, claim rewards."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from solders.pubkey import Pubkey

from ionet.app.actions import AMOUNT, Action, Described, Planned, Scene, amount_input, percent
from ionet.app.spec import Param
from ionet.cli.context import parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.staking import (
    check_cooldown_ready,
    check_withdrawable,
    costake_room,
    unstake_units,
)
from ionet.cli.units import format_duration
from ionet.staking import (
    UNSTAKE_ALL,
    Node,
    StakePosition,
    minimum_stake,
    pending_rewards,
    position_values,
)

__all__ = ["ACTIONS"]

UNSTAKE_AMOUNT = Param("amount", "Amount (tokens) or all", pattern=r"^(all|\d+(\.\d+)?)$",
                       pattern_description="a decimal number of tokens, or all")


async def _node(scene: Scene) -> tuple[Pubkey, Node]:
    address, node = await scene.staking.node(scene.subject)
    if node.closed:
        raise CliError(f"node {address} is closed")
    return address, node


async def _position(scene: Scene, account: Pubkey) -> tuple[Pubkey, Node, StakePosition]:
    address, node = await scene.staking.node(scene.subject)
    return address, node, await scene.staking.position(address, account)


def _about(text: str) -> Callable[[Scene], Awaitable[Described]]:
    """A description naming the node (``{node}`` in ``text``)."""
    async def describe(scene: Scene) -> Described:
        address, _ = await scene.staking.node(scene.subject)
        return Described(text.format(node=address))
    return describe


def _room_refusal(scene: Scene, address: Pubkey, room: int | None) -> str | None:
    if room != 0:
        return None
    cap = scene.staking.config.max_costake_bps
    return (f"node {address} has no co-stake room: its co-stake is at the cap of "
            f"{percent(cap)} of its stake")


# ---- stake


async def describe_stake(scene: Scene) -> Described:
    address, node = await _node(scene)
    staking = scene.staking
    minimum = minimum_stake(staking.config.min_stake_per_gpu, node.multiplier_bps,
                            node.gpu_count)
    return Described(f"Stake in your own node {address}: active stake "
                     f"{staking.amount(node.active.tokens)}, minimum "
                     f"{staking.amount(minimum)} for {node.gpu_count} GPUs.")


async def plan_stake(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    address, node = await _node(scene)
    staking = scene.staking
    if node.owner != account:
        raise CliError(f"{account} does not own node {address} (its owner is {node.owner}); "
                       f"co-stake instead")
    units = amount_input(inputs, staking.decimals)
    source = await staking.source_account(account, None, units)
    return Planned([staking.program.stake(account, address, units, source)],
                   f"Stake {staking.amount(units)} in node {address}")


# ---- co-stake


async def describe_costake(scene: Scene) -> Described:
    address, node = await _node(scene)
    staking = scene.staking
    room = costake_room(staking, node)
    shown = "unlimited" if room is None else staking.amount(room)
    return Described(f"Co-stake in node {address} ({node.gpu_count} GPUs): co-stakers get "
                     f"{percent(node.costake_reward_share_bps)} of its rewards; room for "
                     f"{shown} more co-stake.", _room_refusal(scene, address, room))


async def plan_costake(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    address, node = await _node(scene)
    staking = scene.staking
    if node.owner == account:
        raise CliError(f"{account} owns node {address}; owners stake with the stake action")
    units = amount_input(inputs, staking.decimals)
    room = costake_room(staking, node)
    refusal = _room_refusal(scene, address, room)
    if refusal is not None:
        raise CliError(refusal)
    if room is not None and units > room:
        raise CliError(f"node {address} has room for {staking.amount(room)} more co-stake, "
                       f"less than {staking.amount(units)}")
    source = await staking.source_account(account, None, units)
    return Planned([staking.program.costake(account, address, units, source)],
                   f"Co-stake {staking.amount(units)} in node {address}")


# ---- unstake, cancel, cooldown


async def describe_unstake(scene: Scene) -> Described:
    address, _ = await scene.staking.node(scene.subject)
    config = scene.staking.config
    return Described(f"Start unstaking from node {address}. A co-staker's stake first waits "
                     f"{format_duration(config.costaker_exit_wait_secs)}, then cools down "
                     f"{format_duration(config.unstake_cooldown_secs)}; the owner's cools "
                     f"down at once.")


async def plan_unstake(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    address, node, position = await _position(scene, account)
    staking = scene.staking
    text = inputs.get("amount", "").strip()
    units = unstake_units(staking, "all" if text in ("", "{amount}") else text, node, position)
    shown = "all active stake" if units == UNSTAKE_ALL else staking.amount(units)
    return Planned([staking.program.request_unstake(account, address, units)],
                   f"Unstake {shown} from node {address}")




async def plan_cancel(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    address, _, _ = await _position(scene, account)
    return Planned([scene.staking.program.cancel_unstake(account, address)],
                   f"Cancel the unstaking in node {address}")




async def plan_cooldown(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    staking = scene.staking
    address, _ = await staking.node(scene.subject)
    given = inputs.get("staker", "").strip()
    staker = parse_pubkey(given, "staker") if given and given != "{staker}" else account
    check_cooldown_ready(address, staker, await staking.position(address, staker),
                         await staking.now())
    return Planned([staking.program.start_cooldown(address, staker)],
                   f"Start the cooldown of {staker} in node {address}")


# ---- withdraw, claim




async def plan_withdraw(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    address, node, position = await _position(scene, account)
    staking = scene.staking
    _, unbonding = position_values(node, position)
    check_withdrawable(address, position, await staking.now())
    dest, create = await staking.destination(account, None, account)
    return Planned([*create, staking.program.withdraw(account, address, dest)],
                   f"Withdraw {staking.amount(unbonding)} from node {address}")




async def plan_claim(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    address, node, position = await _position(scene, account)
    staking = scene.staking
    claimable = pending_rewards(node, position)
    if claimable == 0:
        raise CliError(f"the position in node {address} has no rewards to claim")
    dest, create = await staking.destination(account, None, account)
    return Planned([*create, staking.program.claim_rewards(account, address, dest)],
                   f"Claim {staking.amount(claimable)} of rewards from node {address}")


ACTIONS = [
    Action("stake", "Stake in your node", "Stake", describe_stake, plan_stake, (AMOUNT,)),
    Action("costake", "Co-stake a GPU node", "Co-stake", describe_costake, plan_costake,
           (AMOUNT,)),
    Action("unstake", "Unstake", "Unstake", describe_unstake, plan_unstake,
           (UNSTAKE_AMOUNT,)),
    Action("cancel-unstake", "Cancel unstaking", "Cancel unstake", _about(
        "Return your stake in node {node} that is leaving or cooling down to active stake."),
        plan_cancel),
    Action("start-cooldown", "Start the cooldown", "Start cooldown", _about(
        "Move a co-staker's leaving stake in node {node} into the cooldown once the exit "
        "wait is over (anyone may; the staker defaults to you)."), plan_cooldown),
    Action("withdraw", "Withdraw stake", "Withdraw", _about(
        "Withdraw your unbonded stake from node {node} once its cooldown is over."),
        plan_withdraw),
    Action("claim-rewards", "Claim rewards", "Claim rewards", _about(
        "Claim your rewards from node {node}."), plan_claim),
]
