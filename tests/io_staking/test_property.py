"""Random sequences of stake / costake / unstake / slash / reward / claim / withdraw against
the program, with the invariants checked after every step (``Env.send``), plus:

* an exact oracle: each step that lands is compared with its expected effect, computed
  from the state before it with Python's unbounded integers and the documented rounding
  (mint shares rounding down, burn shares for a token amount rounding up, pay tokens
  rounding down, slash rounding down, rewards per share rounding down);
* tokens are conserved: what the stakers hold, plus the node's pools, plus what was
  slashed, minus the rewards paid to them, never changes;
* a step either lands or fails with one of the refusals the rules foresee, never with an
  arithmetic error, a panic, or anything else;
* the rewards paid to the node's stakers never exceed what was credited to the node.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import (
    BPS_DENOMINATOR,
    DAY,
    REWARD_PER_SHARE_SCALE,
    UNSTAKE_ALL,
    Node,
    Pool,
    StakePosition,
    pending_rewards,
)
from ionet.testing import SendFailed

# Refusals the rules foresee for a random step; anything else is a bug.
EXPECTED = {e.code for e in (E.ZeroAmount, E.AmountTooSmall, E.InsufficientStake,
                             E.CostakeCapExceeded, E.StillUnbonding, E.NothingToWithdraw,
                             E.ExitWaitNotOver, E.NothingLeaving, E.NothingToCancel,
                             E.NothingToClaim, E.PoolDepleted)}
TOKEN_INSUFFICIENT_FUNDS = 1
WHO = st.integers(min_value=0, max_value=2)  # 0: the owner, 1-2: co-stakers
AMOUNT = st.one_of(st.integers(min_value=0, max_value=3_000),
                   st.integers(min_value=1, max_value=2_000 * IO))

STEPS = st.lists(st.one_of(
    st.tuples(st.just("stake"), WHO, AMOUNT),
    st.tuples(st.just("unstake"), WHO, st.one_of(AMOUNT, st.just(UNSTAKE_ALL))),
    st.tuples(st.just("cooldown"), WHO, st.just(0)),
    st.tuples(st.just("cancel"), WHO, st.just(0)),
    st.tuples(st.just("withdraw"), WHO, st.just(0)),
    st.tuples(st.just("slash"), st.just(0), st.integers(min_value=1, max_value=10_000)),
    st.tuples(st.just("reward"), st.just(0), st.integers(min_value=1, max_value=500 * IO)),
    st.tuples(st.just("claim"), WHO, st.just(0)),
    st.tuples(st.just("wait"), st.just(0), st.sampled_from([DAY, 7 * DAY, 14 * DAY])),
), min_size=4, max_size=14)


# ------------------------------------------------------------------------ the oracle


def value(pool: Pool, shares: int) -> int:
    return 0 if pool.shares == 0 else shares * pool.tokens // pool.shares


def minted(pool: Pool, amount: int) -> int:
    return amount if pool.shares == 0 else amount * pool.shares // pool.tokens


def burned(pool: Pool, amount: int) -> int:
    return -(-amount * pool.shares // pool.tokens)


def exit_of(pool: Pool, available: int, amount: int) -> tuple[int, int]:
    """(shares burned, tokens) of an exit of ``amount`` out of ``available`` shares."""
    worth = value(pool, available)
    if amount in (UNSTAKE_ALL, worth):
        return available, worth
    return burned(pool, amount), amount


@dataclass
class State:
    node: Node
    positions: list[StakePosition | None]
    balances: list[int]


def _shares(p: StakePosition | None) -> tuple[int, int, int, int, int]:
    if p is None:
        return 0, 0, 0, 0, 0
    return p.active_shares, p.leaving_shares, p.unbonding_shares, p.rewards_pending, \
        p.rewards_paid


def check_effect(op: str, who: int, amount: int, b: State, a: State) -> None:
    """Asserts that a step that landed did exactly what the rules say."""
    bn, an = b.node, a.node
    act, leav, unb, _, paid = _shares(b.positions[who])
    act2, leav2, unb2, _, paid2 = _shares(a.positions[who])
    paid_out = a.balances[who] - b.balances[who]
    if op == "stake":
        shares = minted(bn.active, amount)
        assert act2 - act == shares, f"stake minted {act2 - act}, expected {shares}"
        assert an.active.tokens - bn.active.tokens == amount == -paid_out
    elif op == "unstake":
        if who == 0:
            shares, tokens = exit_of(bn.active, act, amount)
            assert act - act2 == shares, f"unstake burned {act - act2}, expected {shares}"
            assert bn.active.tokens - an.active.tokens == tokens
            assert unb2 - unb == (minted(bn.unbonding, tokens) if tokens else 0)
            assert an.unbonding.tokens - bn.unbonding.tokens == tokens
        else:
            shares, _ = exit_of(bn.active, act - leav, amount)
            assert leav2 - leav == shares and act2 == act
            assert (an.active, an.unbonding) == (bn.active, bn.unbonding)
    elif op == "cooldown":
        tokens = value(bn.active, leav)
        assert (act - act2, leav2) == (leav, 0)
        assert bn.active.tokens - an.active.tokens == tokens
        assert unb2 - unb == (minted(bn.unbonding, tokens) if tokens else 0)
    elif op == "cancel":
        tokens = value(bn.unbonding, unb)
        assert unb2 == 0 and leav2 == 0
        assert act2 - act == (minted(bn.active, tokens) if unb else 0)
        assert an.active.tokens - bn.active.tokens == (tokens if unb else 0)
    elif op == "withdraw":
        assert paid_out == value(bn.unbonding, unb), "withdraw paid the wrong amount"
        assert unb2 == 0 and bn.unbonding.tokens - an.unbonding.tokens == paid_out
    elif op == "claim":
        position = b.positions[who]
        assert position is not None
        assert paid_out == pending_rewards(bn, position) == paid2 - paid
    elif op == "slash":
        assert bn.active.tokens - an.active.tokens == bn.active.tokens * amount // BPS_DENOMINATOR
        assert bn.unbonding.tokens - an.unbonding.tokens == \
            bn.unbonding.tokens * amount // BPS_DENOMINATOR
        assert (an.active.shares, an.unbonding.shares) == (bn.active.shares,
                                                           bn.unbonding.shares)
    elif op == "reward":
        part = amount * bn.costake_reward_share_bps // BPS_DENOMINATOR
        earning = bn.costake_earning_shares
        increase = part * REWARD_PER_SHARE_SCALE // earning if earning else 0
        if increase == 0:
            part = 0
        assert an.reward_per_share - bn.reward_per_share == increase
        assert an.owner_rewards - bn.owner_rewards == amount - part


# ------------------------------------------------------------------------- the steps


@dataclass
class Scenario:
    env: Env
    node: Pubkey
    people: list[Keypair]

    async def state(self) -> State:
        env = self.env
        positions = [await env.program.fetch_position(env.cluster.client, self.node,
                                                      p.pubkey()) for p in self.people]
        return State(await env.node(self.node), positions,
                     [await env.tokens(p) for p in self.people])


def _instruction(s: Scenario, op: str, who: int, amount: int) -> Instruction:
    p, node, key = s.env.program, s.node, s.people[who].pubkey()
    if op == "stake":
        return p.stake(key, node, amount) if who == 0 else p.costake(key, node, amount)
    return {
        "unstake": lambda: p.request_unstake(key, node, amount),
        "cooldown": lambda: p.start_cooldown(node, key),
        "cancel": lambda: p.cancel_unstake(key, node),
        "withdraw": lambda: p.withdraw(key, node),
        "claim": lambda: p.claim_rewards(key, node),
    }[op]()


async def _step(s: Scenario, op: str, who: int, amount: int) -> bool:
    """Runs one step; returns whether it landed."""
    env = s.env
    if op == "slash":
        await env.slash(s.node, amount)
    elif op == "wait":
        await env.advance(amount)
    elif op == "reward":
        node = await env.node(s.node)
        tree = RewardTree([(s.node, node.rewards_claimed + amount)])
        await env.post(tree)
        await env.send(env.program.claim_node_rewards_from(tree, s.node), [])
    else:
        signers = [s.people[who]] if op != "cooldown" else []
        try:
            await env.send(_instruction(s, op, who, amount), signers)
        except SendFailed as failure:
            assert failure.code in EXPECTED | {TOKEN_INSUFFICIENT_FUNDS}, \
                f"{op}({who}, {amount}) failed unexpectedly: {failure}"
            return False
    return True


@settings(max_examples=24, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(steps=STEPS)
async def test_random_operations_keep_the_books(env: Env, steps: list[tuple[str, int, int]]
                                                ) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO, share_bps=3_000)
    people = [owner, await env.costaker(node, 300 * IO, tokens=10_000 * IO),
              await env.costaker(node, 200 * IO, tokens=10_000 * IO)]
    s = Scenario(env, node, people)

    def held(state: State) -> int:
        paid = sum(_shares(p)[4] for p in state.positions)
        pools = state.node.active.tokens + state.node.unbonding.tokens
        return sum(state.balances) + pools + state.node.slashed_total - paid

    before = await s.state()
    start = held(before)
    credited = 0
    for op, who, amount in steps:
        landed = await _step(s, op, who, amount)
        after = await s.state()
        if landed:
            credited += amount if op == "reward" else 0
            check_effect(op, who, amount, before, after)
        else:
            assert after == before, f"a refused {op} changed the state"
        assert held(after) == start, f"tokens not conserved at {op}"
        before = after
    paid = sum(_shares(p)[4] for p in before.positions)
    node_state = before.node
    assert paid <= node_state.rewards_claimed - node_state.rewards_forfeited <= credited
