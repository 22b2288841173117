"""register_node: one GPU device of a supplier."""

from __future__ import annotations

from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer
from staking_harness import IO, Env, non_canonical_address, swapped, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.staking import NODE_SEED, minimum_stake


async def test_register_node(env: Env) -> None:
    owner = await env.wallet()
    node_id = bytes(Keypair().pubkey())
    sent = await env.send(env.program.register_node(owner.pubkey(), node_id, 8, 100_000, 2_000),
                          [owner], label="register_node")
    node = await env.node(env.program.node(node_id))
    assert (node.owner, bytes(node.node_id), node.gpu_count, node.multiplier_bps) == \
        (owner.pubkey(), node_id, 8, 100_000)
    assert node.costake_reward_share_bps == 2_000
    assert node.registered_epoch == (await env.reward_state()).epoch
    event = env.event(sent, "NodeRegistered")
    # io.net's example: 8 x H100 at multiplier 10 -> 16 000 IO.
    assert event["minimum_stake"] == 16_000 * IO == minimum_stake(200 * IO, 100_000, 8)


async def test_register_node_minimum_for_a_fractional_multiplier(env: Env) -> None:
    owner = await env.wallet()
    ix = env.program.register_node(owner.pubkey(), bytes(Keypair().pubkey()), 4, 2_500, 0)
    sent = await env.send(ix, [owner])
    # 4 x RTX 4070 at 0.25 -> max(1, 0.25) -> 800 IO.
    assert env.event(sent, "NodeRegistered")["minimum_stake"] == 800 * IO


async def test_register_node_rejects_invalid_terms(env: Env) -> None:
    owner = await env.wallet()
    for (gpus, multiplier, share), code in [((0, 10_000, 0), E.InvalidGpuCount),
                                            ((1, 0, 0), E.InvalidMultiplier),
                                            ((1, 1_000_001, 0), E.InvalidMultiplier),
                                            ((1, 10_000, 10_001), E.InvalidBps)]:
        ix = env.program.register_node(owner.pubkey(), bytes(Keypair().pubkey()), gpus,
                                       multiplier, share)
        await env.fails(ix, [owner], error=code)


async def test_register_node_rejects_a_second_registration(env: Env) -> None:
    owner = await env.wallet()
    node_id = bytes(Keypair().pubkey())
    await env.send(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0), [owner])
    squatter = await env.wallet()
    await env.fails(env.program.register_node(squatter.pubkey(), node_id, 1, 10_000, 0),
                    [squatter], error=A.AccountDiscriminatorAlreadySet)


async def test_register_node_at_a_prefunded_address(env: Env) -> None:
    owner = await env.wallet()
    node_id = bytes(Keypair().pubkey())
    await env.send(transfer(TransferParams(from_pubkey=owner.pubkey(),
                                           to_pubkey=env.program.node(node_id), lamports=1)),
                   [owner], payer=owner)
    await env.send(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0), [owner])
    assert (await env.node(env.program.node(node_id))).owner == owner.pubkey()


async def test_register_node_rejects_a_non_canonical_address(env: Env) -> None:
    owner = await env.wallet()
    node_id = bytes(Keypair().pubkey())
    fake = non_canonical_address([NODE_SEED, node_id], env.program.program_id)
    ix = swapped(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0),
                 env.program.node(node_id), fake)
    await env.fails(ix, [owner], error=A.ConstraintSeeds)


async def test_register_node_rejects_a_missing_signature(env: Env) -> None:
    owner = await env.wallet()
    ix = unsigned(env.program.register_node(owner.pubkey(), bytes(Keypair().pubkey()), 1,
                                            10_000, 0), owner.pubkey())
    await env.fails(ix, error=A.AccountNotSigner)


async def test_register_node_rejects_another_reward_state(env: Env) -> None:
    owner = await env.wallet()
    ix = swapped(env.program.register_node(owner.pubkey(), bytes(Keypair().pubkey()), 1,
                                           10_000, 0),
                 env.program.reward_state, env.program.reward_vault)
    # A token account where a RewardState belongs: refused as it is loaded.
    await env.fails(ix, [owner], error=A.AccountOwnedByWrongProgram)
