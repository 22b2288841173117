"""`refund_ineligible`: the customer takes the rest back at once when the node is jailed
or under-staked, read from io_staking's own accounts (owner and discriminator checked)."""

from __future__ import annotations

from escrow_harness import HOUR, IO, STAKING_ELF, EscrowEnv
from staking_harness import Env, new_deployment, swapped


async def test_refund_ineligible_after_a_jail(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=5 * IO)
    refund = env.program.refund_ineligible(customer.pubkey(), escrow, supplier.node,
                                           usdc.address)
    await env.fails(refund, [customer], code=6016, message="NodeStillEligible")
    await env.staking.jail(supplier.node, await env.now() + HOUR)
    deposited = (await env.escrow(escrow)).deposited
    sent = await env.send(refund, [customer], label="refund_ineligible (spl)")
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        900 * IO + deposited
    assert env.event(sent, "EscrowClosed")["reason"] == 2


async def test_refund_ineligible_after_the_stake_drops_below_the_minimum(
        env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO)
    staking = env.staking
    await staking.send(staking.program.request_unstake(supplier.key, supplier.node, 1),
                       [supplier.owner])
    await env.send(env.program.refund_ineligible(customer.pubkey(), escrow, supplier.node,
                                                 usdc.address), [customer])


async def test_refund_ineligible_rejects_look_alikes_and_another_node(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier, jailed = await env.supplier(usdc), await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO)
    await env.staking.jail(jailed.node, await env.now() + HOUR)
    # A jailed node that is not the escrow's: has_one node.
    ix = env.program.refund_ineligible(customer.pubkey(), escrow, jailed.node, usdc.address)
    await env.fails(ix, [customer], code=2001)
    # io_staking's config of another deployment (a look-alike) is refused by its owner.
    other = Env(env.cluster, await new_deployment(env.cluster, STAKING_ELF.read_bytes(),
                                                  env.staking.deployment.caller))
    ix = env.program.refund_ineligible(customer.pubkey(), escrow, supplier.node, usdc.address)
    await env.fails(swapped(ix, env.program.staking_config, other.program.config),
                    [customer], code=3007)
