"""Random sequences of stake / costake / unstake / cooldown / cancel / withdraw / claim /
slash / reward / jail / unjail / wait against the program, on a deployment of each
example's own, with the invariants checked after every step (``Env.send``), plus:

* a model that predicts, from the state before each step and the (frozen, exact) clock,
  whether the step must land or with which error it must fail: a step the model says is
  valid must land, and a refused step must fail with exactly the predicted error (code,
  name, message, instruction index) and change nothing;
* an exact oracle: each step that lands is compared with its expected effect, computed
  from the state before it with Python's unbounded integers and the documented rounding
  (mint shares rounding down, burn shares for a token amount rounding up, pay tokens
  rounding down, slash rounding down, rewards per share rounding down);
* tokens are conserved: what the stakers hold, plus the node's pools, plus what was
  slashed, minus the rewards paid to them, never changes;
* the rewards paid to the node's stakers never exceed what was credited to the node.

Waits include the rule boundaries (the exit wait and the cooldown, and one second less),
so the model meets ``t - 1`` and ``t`` of every time rule.

The examples run on a validator of this module's own, in process (``validator``).
Examples: the ``ci`` profile (the default, ``tests/conftest.py``) runs 200; locally
``--hypothesis-profile thorough`` runs 3 000. The seed changes on every run and is in the
session header (``IONET_PROPERTY_SEED=N`` reruns it); failing examples are kept in
Hypothesis's database (``.hypothesis/``) and replayed first on the next run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal

import pytest
from hypothesis import HealthCheck, event, given, note, seed, settings
from hypothesis import strategies as st
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID
from staking_harness import (
    IO,
    PROPERTY_SEED,
    Env,
    SlashCaller,
    assert_token_insufficient_funds,
    deploy_caller,
    new_deployment,
)

from ionet.generated.io_staking.accounts import Node as NodeAccount
from ionet.generated.io_staking.accounts import StakePosition as PositionAccount
from ionet.generated.io_staking.errors import custom as E
from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.localnet.validator import Validator
from ionet.merkle import RewardTree
from ionet.staking import (
    BPS_DENOMINATOR,
    DAY,
    UNSTAKE_ALL,
    Node,
    Pool,
    StakePosition,
    pending_rewards,
)
from ionet.testing import (
    ProgramErrorSpec,
    SendFailed,
    TestCluster,
    assert_program_error,
    connect_inprocess,
)

WAIT = 7 * DAY  # the deployments' exit wait (io.net's defaults, ``Settings.io_net``)
COOLDOWN = 14 * DAY
CAP_BPS = 5_000
CALLERS: dict[str, SlashCaller] = {}  # the slasher stand-in, deployed once on ``validator``
WHO = st.integers(min_value=0, max_value=2)  # 0: the owner, 1-2: co-stakers
# Hypothesis draws small integers most often: the magnitudes that matter are named too
# (dust, around the co-stake cap, more than anyone holds).
AMOUNT = st.one_of(
    st.sampled_from([0, 1, 10 * IO, 100 * IO, 300 * IO, 500 * IO, 1_000 * IO, 20_000 * IO]),
    st.integers(min_value=0, max_value=3_000),
    st.integers(min_value=1, max_value=2_000 * IO),
)
# Exits relative to what the position's available stake is worth at that step.
RELATIVE = ("all", "worth", "worth+1", "half")
EXIT = st.one_of(st.sampled_from(RELATIVE), AMOUNT)
BPS = st.one_of(st.integers(min_value=1, max_value=2_000), st.just(10_000),
                st.integers(min_value=1, max_value=10_000))


def _op(name: str, who: st.SearchStrategy[int], amount: st.SearchStrategy[object]
        ) -> st.SearchStrategy[tuple[str, int, object]]:
    return st.tuples(st.just(name), who, amount)


PRIMITIVES = st.one_of(
    _op("unstake", WHO, EXIT),
    _op("wait", st.just(0), st.sampled_from([1, DAY, WAIT - 1, WAIT, COOLDOWN - 1, COOLDOWN])),
    _op("cooldown", WHO, st.just(0)),
    _op("withdraw", WHO, st.just(0)),
    _op("stake", WHO, AMOUNT),
    _op("cancel", WHO, st.just(0)),
    _op("claim", WHO, st.just(0)),
    _op("reward", st.just(0), st.integers(min_value=1, max_value=500 * IO)),
    _op("slash", st.just(0), BPS),
    _op("jail", st.just(0), st.sampled_from([1, 3_600, WAIT])),
    _op("unjail", st.just(0), st.just(0)),
)
# A whole exit of one person, with waits at and around the rules' boundaries: request,
# wait, start_cooldown, wait, withdraw (each step still held to the model on its own).
EXITS = st.tuples(WHO, EXIT, st.sampled_from([WAIT - 1, WAIT, WAIT + DAY]),
                  st.sampled_from([COOLDOWN - 1, COOLDOWN, 2 * COOLDOWN])).map(
    lambda t: [("unstake", t[0], t[1]), ("wait", 0, t[2]), ("cooldown", t[0], 0),
               ("wait", 0, t[3]), ("withdraw", t[0], 0)])
STEPS = st.lists(st.one_of(PRIMITIVES.map(lambda step: [step]), EXITS),
                 min_size=3, max_size=12).map(lambda parts: [s for p in parts for s in p])


def resolve(op: str, who: int, amount: object, b: State) -> int:
    """The token amount of a step (exits named relative to the position's worth)."""
    if isinstance(amount, int):
        return amount
    position = b.positions[who]
    assert position is not None
    available = position.active_shares - (position.leaving_shares if who else 0)
    worth = value(b.node.active, available)
    return {"all": UNSTAKE_ALL, "worth": worth, "worth+1": worth + 1,
            "half": worth // 2}[str(amount)]


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


def _position(state: State, who: int) -> StakePosition:
    position = state.positions[who]
    assert position is not None
    return position


def check_effect(op: str, who: int, amount: int, b: State, a: State, *, jailed: bool,
                 now: int) -> None:
    """Asserts that a step that landed at ``now`` did exactly what the rules say."""
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
            assert _position(a, who).unlock_at == now + COOLDOWN
        else:
            shares, _ = exit_of(bn.active, act - leav, amount)
            assert leav2 - leav == shares and act2 == act
            assert (an.active, an.unbonding) == (bn.active, bn.unbonding)
            assert _position(a, who).leave_ready_at == now + WAIT
    elif op == "cooldown":
        tokens = value(bn.active, leav)
        assert (act - act2, leav2) == (leav, 0)
        assert bn.active.tokens - an.active.tokens == tokens
        assert unb2 - unb == (minted(bn.unbonding, tokens) if tokens else 0)
        assert _position(a, who).unlock_at == now + COOLDOWN
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
    elif op == "jail":
        assert an.jailed_until == max(bn.jailed_until, now + amount)
    elif op == "unjail":
        assert an.jailed_until == 0
    elif op == "reward":
        # Posted and claimed at ``now``: forfeited by a jail (``rules::jail_forfeits``), else
        # split between the owner (forfeited while the node is over its co-stake cap), the
        # earning co-stakers, and forfeited when co-stake exists but none of it earns.
        assert an.rewards_claimed - bn.rewards_claimed == amount
        owner_delta = an.owner_rewards - bn.owner_rewards
        forfeited_delta = an.rewards_forfeited - bn.rewards_forfeited
        if bn.jailed_at != 0 and now >= bn.jailed_at and (
                now < bn.jailed_until or bn.last_claim_posted_at < bn.jailed_at):
            assert (owner_delta, forfeited_delta) == (0, amount)
            assert an.reward_per_share == bn.reward_per_share
            return
        part = amount * bn.costake_reward_share_bps // BPS_DENOMINATOR
        if bn.costake_shares == 0:
            to_owner, forfeit = amount, 0
        elif bn.costake_earning_shares == 0:
            to_owner, forfeit = amount - part, part
        else:
            to_owner, forfeit = amount - part, 0
        if not within_cap(bn.costake_shares, bn.active.shares):
            to_owner, forfeit = 0, forfeit + to_owner
        assert (owner_delta, forfeited_delta) == (to_owner, forfeit), \
            f"reward split {owner_delta, forfeited_delta}, expected {to_owner, forfeit}"


# ------------------------------------------------------------------------- the model

OK: Literal["ok"] = "ok"
INSUFFICIENT_FUNDS: Literal["insufficient funds"] = "insufficient funds"
Expected = ProgramErrorSpec | Literal["ok", "insufficient funds"]


def depleted(pool: Pool) -> bool:
    return pool.tokens == 0 and pool.shares != 0


def within_cap(costake_shares: int, total_shares: int) -> bool:
    return costake_shares * BPS_DENOMINATOR <= total_shares * CAP_BPS


def predict(op: str, who: int, amount: int, b: State, now: int) -> Expected:
    """Whether ``op`` must land on state ``b`` at ``now``, or the error it must fail with
    (the program's checks in their order)."""
    node, owner = b.node, who == 0
    position = b.positions[who]
    assert position is not None  # every person staked at the start; nobody closes
    jailed = node.jailed_until > now
    act, leaving, unb = position.active_shares, position.leaving_shares, \
        position.unbonding_shares
    if op == "stake":
        if amount == 0:
            return E.ZeroAmount
        if jailed:
            return E.NodeJailed
        if depleted(node.active) or depleted(node.unbonding):
            return E.PoolDepleted
        shares = minted(node.active, amount)
        if shares == 0:
            return E.AmountTooSmall
        if not owner and not within_cap(node.costake_shares + shares,
                                        node.active.shares + shares):
            return E.CostakeCapExceeded
        return INSUFFICIENT_FUNDS if b.balances[who] < amount else OK
    if op == "unstake":
        available = act if owner else act - leaving
        if amount == 0:
            return E.ZeroAmount
        if available == 0:
            return E.InsufficientStake
        worth = value(node.active, available)
        if amount not in (UNSTAKE_ALL, worth) and amount > worth:
            return E.InsufficientStake
        shares, _ = exit_of(node.active, available, amount)
        # The cap holds on an owner's every exit, a full one too.
        if owner and not within_cap(node.costake_shares, node.active.shares - shares):
            return E.CostakeCapExceeded
        return OK
    if op == "cooldown":
        if leaving == 0:
            return E.NothingLeaving
        if now < position.leave_ready_at:
            return E.ExitWaitNotOver
        if value(node.active, leaving) != 0 and depleted(node.unbonding):
            return E.PoolDepleted
        return OK
    if op == "cancel":
        if leaving == 0 and unb == 0:
            return E.NothingToCancel
        if jailed:
            return E.NodeJailed
        back = 0
        if unb:
            if depleted(node.active):
                return E.PoolDepleted
            back = minted(node.active, value(node.unbonding, unb))
        if not owner and back and not within_cap(node.costake_shares + back,
                                                 node.active.shares + back):
            return E.CostakeCapExceeded
        return OK
    if op == "withdraw":
        if unb == 0:
            return E.NothingToWithdraw
        return E.StillUnbonding if now < position.unlock_at else OK
    if op == "claim":
        return OK if pending_rewards(node, position) else E.NothingToClaim
    return OK  # slash, reward, jail, unjail, wait: always allowed here


# ------------------------------------------------------------------------- the steps


@dataclass
class Scenario:
    env: Env
    node: Pubkey
    people: list[Keypair]
    now: int

    async def state(self) -> State:
        """The node, the three positions and token balances, in one request."""
        env = self.env
        keys = [self.node] + [env.program.position(self.node, p.pubkey()) for p in self.people]
        keys += [env.program.token_account(p.pubkey()) for p in self.people]
        infos = (await env.cluster.client.get_multiple_accounts(keys)).value
        node_info = infos[0]
        assert node_info is not None
        positions = [None if i is None else PositionAccount.decode(bytes(i.data))
                     for i in infos[1:4]]
        balances = [0 if i is None else int.from_bytes(bytes(i.data)[64:72], "little")
                    for i in infos[4:]]
        return State(NodeAccount.decode(bytes(node_info.data)), positions, balances)


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


async def _step(s: Scenario, op: str, who: int, amount: int, expected: Expected) -> None:
    """Runs one step and holds it to the model's prediction."""
    env = s.env
    if op == "slash":
        await env.slash(s.node, amount)
    elif op == "wait":
        await env.advance(amount)  # the clock stays frozen, ``amount`` seconds later
        s.now += amount
    elif op == "jail":
        await env.jail(s.node, s.now + amount)
    elif op == "unjail":
        await env.unjail(s.node)
    elif op == "reward":
        node = await env.node(s.node)
        tree = RewardTree([(s.node, node.rewards_claimed + amount)])
        await env.post(tree)
        await env.send(env.program.claim_node_rewards_from(tree, s.node), [])
    else:
        signers = [s.people[who]] if op != "cooldown" else []
        ix = _instruction(s, op, who, amount)
        try:
            await env.raw_send([ix], signers)
        except SendFailed as failure:
            if expected == OK:
                raise AssertionError(f"{op}({who}, {amount}) is valid, but the program "
                                     f"refused it: {failure}") from None
            if expected == INSUFFICIENT_FUNDS:
                assert_token_insufficient_funds(failure, env.program.token_program, 0)
            else:
                assert not isinstance(expected, str)
                assert_program_error(failure, expected, index=0,
                                     program_id=env.program.program_id)
            return
        if expected != OK:
            name = expected if isinstance(expected, str) else expected.name
            raise AssertionError(f"{op}({who}, {amount}) must fail with {name}, but it landed")
        await env.check_books(f"{op}({who}, {amount})")


@pytest.fixture(scope="module")
def validator() -> Validator:
    """A validator of this module's own, in process: the examples are many and short, and
    without HTTP in between they run five times faster. Programs run on it as on any."""
    return start_validator(ValidatorConfig(wallet=Keypair(), log=lambda _m: None))


@pytest.fixture
async def local(validator: Validator) -> AsyncIterator[TestCluster]:
    cluster = connect_inprocess(validator)
    try:
        yield cluster
    finally:
        await cluster.unfreeze()
        await cluster.close()


@seed(PROPERTY_SEED)
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
@given(steps=STEPS)
async def test_random_operations_keep_the_books(request: pytest.FixtureRequest,
                                                local: TestCluster, staking_elf: bytes,
                                                caller_elf: bytes,
                                                steps: list[tuple[str, int, object]]) -> None:
    # A deployment of each example's own (the slasher stand-in holds no state).
    if "caller" not in CALLERS:
        CALLERS["caller"] = await deploy_caller(local, caller_elf)
    deployment = await new_deployment(local, staking_elf, CALLERS["caller"], TOKEN_PROGRAM_ID)
    env = Env(local, deployment, test=request.node.nodeid)
    note(f"seed: IONET_PROPERTY_SEED={PROPERTY_SEED}")
    owner, node = await env.owner_with_node(stake=1_000 * IO, share_bps=3_000)
    people = [owner, await env.costaker(node, 300 * IO, tokens=10_000 * IO),
              await env.costaker(node, 200 * IO, tokens=10_000 * IO)]
    start_time = await env.now() + 1
    await env.at(start_time)  # frozen: the model knows the clock to the second
    s = Scenario(env, node, people, start_time)

    def held(state: State) -> int:
        paid = sum(_shares(p)[4] for p in state.positions)
        pools = state.node.active.tokens + state.node.unbonding.tokens
        return sum(state.balances) + pools + state.node.slashed_total - paid

    before = await s.state()
    start = held(before)
    credited = 0
    for op, who, named in steps:
        amount = resolve(op, who, named, before)
        expected = predict(op, who, amount, before, s.now)
        jailed = before.node.jailed_until > s.now
        event(f"{op}: {expected if isinstance(expected, str) else expected.name}")
        await _step(s, op, who, amount, expected)
        after = await s.state()
        if expected == OK:
            credited += amount if op == "reward" else 0
            check_effect(op, who, amount, before, after, jailed=jailed, now=s.now)
        else:
            assert after == before, f"a refused {op} changed the state"
        assert held(after) == start, f"tokens not conserved at {op}"
        before = after
    paid = sum(_shares(p)[4] for p in before.positions)
    node_state = before.node
    assert paid <= node_state.rewards_claimed - node_state.rewards_forfeited <= credited
