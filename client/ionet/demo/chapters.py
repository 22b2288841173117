"""The chapters of the demo that need nothing but the SDKs: suppliers and their stake, a
co-staker, customers' escrows, a reward epoch, and a staker's way out."""

from __future__ import annotations

import uuid

from ionet.cli.staking_accounts import node_id_of
from ionet.demo.scene import Device, OpenedEscrow, Scene
from ionet.merkle import RewardTree
from ionet.staking import DAY, minimum_stake

DEVICES = (
    # owner index, GPUs, class, multiplier (bps), co-stakers' reward share (bps), stake
    (0, 8, "H100", 100_000, 2_000, "16000"),
    (1, 4, "A100", 40_000, 1_000, "4000"),
    (2, 4, "RTX 4070", 2_500, 0, "1000"),
)


async def suppliers(scene: Scene) -> None:
    scene.narrator.chapter(
        "Suppliers stake their devices",
        "Each supplier registers a device (its node id is the SHA-256 of its io.net device "
        "UUID) and stakes at least 200 IO x max(1, multiplier) x GPUs, so that it is "
        "eligible for work.")
    config = await scene.staking_config()
    for index, gpus, gpu_class, multiplier, share, stake in DEVICES:
        owner = scene.cast.suppliers[index]
        device_uuid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo.io.net/{owner.name}/{gpu_class}"))
        node_id = node_id_of(device_uuid)
        device = Device(owner, f"{gpus} x {gpu_class}", device_uuid,
                        scene.staking.node(node_id))
        scene.devices.append(device)
        needed = minimum_stake(config.min_stake_per_gpu, multiplier, gpus)
        await scene.narrator.send(
            f"{owner.name} registers {device.label} (multiplier {multiplier / 10_000:g}; "
            f"co-stakers get {share / 100:g} % of its rewards)",
            [scene.staking.register_node(owner.key, node_id, gpus, multiplier, share)],
            [owner.keypair])
        await scene.narrator.send(
            f"{owner.name} stakes {scene.io.show(scene.io.units(stake))} "
            f"(minimum {scene.io.show(needed)})",
            [scene.staking.stake(owner.key, device.address, scene.io.units(stake))],
            [owner.keypair])


async def costaker(scene: Scene) -> None:
    dana, ada = scene.cast.costaker, scene.cast.suppliers[0]
    scene.narrator.chapter(
        "A co-staker joins",
        f"{dana.name} backs {ada.name}'s H100 node; co-stake may be at most half of the "
        "node's active stake, and earns the share of rewards the owner offers.")
    await scene.narrator.send(
        f"{dana.name} co-stakes 4,000 IO on {ada.name}'s node",
        [scene.staking.costake(dana.key, scene.device(ada).address, scene.io.units(4000))],
        [dana.keypair])


ESCROWS = (
    # customer index, job id, supplier index, mint symbol, deposit, rate per second
    (0, 1, 0, "IO", "200", "0.01"),
    (0, 2, 1, "IO", "100", "0.005"),
    (1, 1, 1, "USDC", "300", "0.0005"),
    (1, 2, 0, "USDC", "500", "0.002"),
    (2, 1, 2, "USDC", "50", "0.0001"),
)
ESCROW_DAYS = 30


async def open_escrows(scene: Scene) -> None:
    scene.narrator.chapter(
        "Customers prepay GPU time",
        "Each escrow names one node, a rate per second and a first-hour minimum charge; "
        "the coordinator can never settle more than min_charge + rate x time, and the "
        "customer can always get the rest back. io_escrow reads the node's eligibility "
        "from io_staking's own accounts.")
    mints = {m.symbol: m for m in scene.mints}
    expires = await scene.now() + ESCROW_DAYS * DAY
    for customer_index, job, supplier_index, symbol, deposit, rate in ESCROWS:
        customer = scene.cast.customers[customer_index]
        device = scene.device(scene.cast.suppliers[supplier_index])
        mint = mints[symbol]
        per_second = mint.units(rate)
        await scene.narrator.send(
            f"{customer.name} opens escrow {job} on {device.owner.name}'s {device.label}: "
            f"{mint.show(mint.units(deposit))} at {mint.show(per_second)}/s, "
            f"{mint.show(3_600 * per_second)} minimum",
            [scene.escrow.open_escrow(customer.key, job, device.address, device.owner.key,
                                      mint.address, mint.units(deposit), per_second,
                                      3_600 * per_second, expires, mint.token_program)],
            [customer.keypair])
        scene.escrows.append(OpenedEscrow(customer, job, device, mint,
                                          scene.escrow.escrow(customer.key, job), per_second))


REWARDS = ("500", "120", "30")
"""Epoch 1's cumulative reward of each supplier's node (whole IO)."""


async def rewards(scene: Scene) -> None:
    cast, io, send = scene.cast, scene.io, scene.narrator.send
    scene.narrator.chapter(
        "A reward epoch",
        "The reward authority funds the reward vault and posts a Merkle root of each "
        "node's cumulative reward; anyone proves a node's amount, which splits it between "
        "the owner and the co-stakers; then each claims.")
    tree = RewardTree([(d.address, io.units(r)) for d, r in zip(scene.devices, REWARDS,
                                                               strict=True)])
    funding = io.units("1000")
    await send(f"{cast.rewards.name} moves {io.show(funding)} into the reward vault",
               [scene.staking.fund_reward_vault(cast.rewards.key, funding, io.decimals)],
               [cast.rewards.keypair])
    await send(f"{cast.rewards.name} posts epoch 1's root ({len(tree)} nodes, "
               f"{io.show(tree.total)} in all)",
               [scene.staking.post_reward_tree(cast.rewards.key, 1, tree)],
               [cast.rewards.keypair])
    for device in scene.devices:
        await send(f"anyone proves {device.owner.name}'s node earned "
                   f"{io.show(tree.cumulative(device.address))}",
                   [scene.staking.claim_node_rewards_from(tree, device.address)])
    ada = scene.device(cast.suppliers[0])
    for person, device in [*((d.owner, d) for d in scene.devices), (cast.costaker, ada)]:
        before = await scene.balance(person, io)
        await send(f"{person.name} claims", [scene.staking.claim_rewards(
            person.key, device.address)], [person.keypair])
        scene.narrator.say(f"    {person.name} received "
                           f"{io.show(await scene.balance(person, io) - before)}")


async def leave(scene: Scene) -> None:
    dana, ada = scene.cast.costaker, scene.cast.suppliers[0]
    node = scene.device(ada).address
    staking, send = scene.staking, scene.narrator.send
    config = await scene.staking_config()
    wait, cooldown = config.costaker_exit_wait_secs, config.unstake_cooldown_secs
    scene.narrator.chapter(
        "A co-staker leaves",
        f"{dana.name} asks to leave: {wait // DAY} days of exit wait (still slashable, "
        f"earning nothing), then the {cooldown // DAY}-day cooldown, then the withdrawal. "
        "The local validator's clock moves forward (ionet_advanceClock).")
    await send(f"{dana.name} requests to unstake everything",
               [staking.request_unstake(dana.key, node)], [dana.keypair])
    await scene.cluster.advance_time(wait)
    await send(f"{wait // DAY} days later: anyone starts {dana.name}'s cooldown",
               [staking.start_cooldown(node, dana.key)])
    await scene.cluster.advance_time(cooldown)
    before = await scene.balance(dana, scene.io)
    await send(f"{cooldown // DAY} days later: {dana.name} withdraws",
               [staking.withdraw(dana.key, node)], [dana.keypair])
    got = await scene.balance(dana, scene.io) - before
    scene.narrator.say(f"    {dana.name} got {scene.io.show(got)} back")


async def sweep_fees(scene: Scene) -> None:
    treasury = scene.cast.treasury
    scene.narrator.chapter("Fees to the treasury",
                           "Fees accrue in each payment mint's books; anyone sweeps them "
                           "to the treasury in one transfer per mint.")
    for mint in scene.mints:
        before = await scene.balance(treasury, mint)
        await scene.narrator.send(f"anyone sweeps the {mint.symbol} fees",
                                  [scene.escrow.sweep_fees(treasury.key, mint.address,
                                                           mint.token_program)])
        scene.narrator.say(f"    the treasury received "
                           f"{mint.show(await scene.balance(treasury, mint) - before)}")
