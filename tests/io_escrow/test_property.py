"""Random sequences of open / top-up / extend / settle / replay / batch / close / refund /
clock moves against the binary, each step checked against an exact Python model:

* the model predicts, from the state before the step and the exact clock, either the
  step's effect (every escrow field, the mint's books, the customer's, the supplier's and
  the vault's balances) or the one error it must fail with;
* the books are checked after every landed step (``EscrowEnv.send``): the vault holds
  exactly what the open escrows have left plus the fees not yet swept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from escrow_harness import IO, EscrowEnv, Supplier
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.escrow import fee
from ionet.testing import SendFailed

FEE_BPS = 25
SLOT = st.integers(min_value=0, max_value=2)
AMOUNT = st.one_of(st.just(0), st.integers(min_value=1, max_value=2_000),
                   st.integers(min_value=1, max_value=2 * IO),
                   st.integers(min_value=1, max_value=30 * IO))
OPEN = st.tuples(st.just("open"), SLOT, st.integers(min_value=0, max_value=20 * IO),
                 st.integers(min_value=0, max_value=5_000), st.sampled_from([0, IO, 10 * IO]),
                 st.sampled_from([1, 60, 3_600]))
STEPS = st.lists(st.one_of(
    OPEN,
    st.tuples(st.just("top_up"), SLOT, AMOUNT, st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("extend"), SLOT, st.integers(min_value=-100, max_value=10_000),
              st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("settle"), SLOT, AMOUNT, st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("replay"), SLOT, AMOUNT, st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("batch"), st.integers(min_value=1, max_value=7), AMOUNT, AMOUNT,
              AMOUNT, st.just(0)),
    st.tuples(st.just("close"), SLOT, AMOUNT, st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("refund"), SLOT, st.just(0), st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("wait"), st.just(0), st.sampled_from([30, 600, 3_600, 90_000]),
              st.just(0), st.just(0), st.just(0)),
), min_size=6, max_size=16)
# Each sequence starts by opening the three escrows (some of these fail, as drawn).
PREFIX = st.tuples(*(OPEN.map(lambda step, slot=slot: (step[0], slot, *step[2:]))
                     for slot in range(3)))


@dataclass(frozen=True)
class Model:
    """One open escrow, as the program should hold it."""

    address: Pubkey
    deposited: int
    settled: int
    customer_fees: int
    supplier_fees: int
    rate: int
    min_charge: int
    next_seq: int
    opened_at: int
    expires_at: int
    refund_after: int

    def bound(self, now: int) -> int:
        return self.min_charge + self.rate * max(0, min(now, self.expires_at) - self.opened_at)

    @property
    def left(self) -> int:
        return self.deposited - self.settled


@dataclass
class World:
    escrows: dict[int, Model]
    customer: int
    payout: int
    vault: int
    owed: int
    fees: int


class Refused(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def settle_one(e: Model, amount: int, now: int) -> tuple[Model, int]:
    if amount == 0:
        raise Refused(6008)
    if amount > e.left:
        raise Refused(6014)
    if e.settled + amount > e.bound(now):
        raise Refused(6013)
    f = fee(e.settled + amount, FEE_BPS) - e.supplier_fees
    return replace(e, settled=e.settled + amount, supplier_fees=e.supplier_fees + f,
                   next_seq=e.next_seq + 1), f


def predict(w: World, step: tuple[str, int, int, int, int, int], now: int,
            grace: int) -> World:
    """The world after ``step`` at ``now``, or :class:`Refused` with its error."""
    op, slot, a, b, c, d = step
    escrows = dict(w.escrows)
    if op == "batch":
        chosen = [s for s in range(3) if slot >> s & 1]
        total = fees = 0
        for s, amount in zip(chosen, (a, b, c), strict=False):
            if s not in escrows:
                raise Refused(3012)
            escrows[s], f = settle_one(escrows[s], amount, now)
            total, fees = total + amount, fees + f
        return replace(w, escrows=escrows, payout=w.payout + total - fees,
                       vault=w.vault - total + fees, owed=w.owed - total, fees=w.fees + fees)
    if op == "open":
        if slot in escrows:
            raise Refused(3000)
        if a == 0:
            raise Refused(6008)
        f = fee(a, FEE_BPS)
        escrows[slot] = Model(Pubkey.default(), a - f, 0, f, 0, b, c, 0, now, now + d,
                              now + d + grace)
        return replace(w, escrows=escrows, customer=w.customer - a, vault=w.vault + a,
                       owed=w.owed + a - f, fees=w.fees + f)
    if slot not in escrows:
        raise Refused(3012)
    e = escrows[slot]
    if op == "top_up":
        if a == 0:
            raise Refused(6008)
        f = fee(e.deposited + e.customer_fees + a, FEE_BPS) - e.customer_fees
        escrows[slot] = replace(e, deposited=e.deposited + a - f, customer_fees=e.customer_fees + f)
        return replace(w, escrows=escrows, customer=w.customer - a, vault=w.vault + a,
                       owed=w.owed + a - f, fees=w.fees + f)
    if op == "extend":
        new = e.expires_at + a
        if a <= 0 or new <= now:
            raise Refused(6009)
        escrows[slot] = replace(e, expires_at=new, refund_after=e.refund_after + a)
        return replace(w, escrows=escrows)
    if op == "settle":
        escrows[slot], f = settle_one(e, a, now)
        return replace(w, escrows=escrows, payout=w.payout + a - f, vault=w.vault - a + f,
                       owed=w.owed - a, fees=w.fees + f)
    if op == "replay":
        raise Refused(6012)
    if op == "close":
        paid = f = 0
        if a > 0:
            e, f = settle_one(e, a, now)
            paid = a
        floor = min(e.min_charge, e.deposited)
        if e.settled < floor:
            extra = floor - e.settled
            f += fee(floor, FEE_BPS) - e.supplier_fees
            paid += extra
            e = replace(e, settled=floor)
        del escrows[slot]
        return replace(w, escrows=escrows, payout=w.payout + paid - f,
                       customer=w.customer + e.left, vault=w.vault - paid + f - e.left,
                       owed=w.owed - paid - e.left, fees=w.fees + f)
    if op == "refund":
        if now < e.refund_after:
            raise Refused(6015)
        del escrows[slot]
        return replace(w, escrows=escrows, customer=w.customer + e.left, vault=w.vault - e.left,
                       owed=w.owed - e.left)
    raise AssertionError(op)


class Scenario:
    def __init__(self, env: EscrowEnv, supplier: Supplier, customer: Keypair) -> None:
        self.env, self.supplier, self.customer = env, supplier, customer
        self.usdc = env.mints["usdc"]
        self.jobs = [10**12 + i for i in range(3)]

    def address(self, slot: int) -> Pubkey:
        return self.env.program.escrow(self.customer.pubkey(), self.jobs[slot])

    async def world(self) -> World:
        env, usdc = self.env, self.usdc
        escrows = {}
        for slot in range(3):
            state = await env.program.fetch_escrow(env.cluster.client, self.address(slot))
            if state is not None:
                escrows[slot] = Model(
                    self.address(slot), state.deposited, state.settled, state.customer_fees,
                    state.supplier_fees, state.rate_per_second, state.min_charge,
                    state.next_seq, state.opened_at, state.expires_at, state.refund_after)
        books = await env.books(usdc)
        return World(escrows, await env.balance(env.token_account(self.customer.pubkey(), usdc)),
                     await env.balance(env.payout(self.supplier, usdc)),
                     await env.balance(books.vault), books.owed, books.fees_accrued)

    def instruction(self, step: tuple[str, int, int, int, int, int], w: World, now: int):  # type: ignore[no-untyped-def]
        env, usdc, sup, cust = self.env, self.usdc, self.supplier, self.customer
        p, (op, slot, a, b, c, d) = env.program, step
        payout = env.payout(sup, usdc)
        if op == "batch":
            chosen = [s for s in range(3) if slot >> s & 1]
            entries = [(self.address(s), amount, w.escrows[s].next_seq if s in w.escrows else 0)
                       for s, amount in zip(chosen, (a, b, c), strict=False)]
            return p.settle_batch(env.coordinator.pubkey(), sup.node, payout, usdc.address,
                                  entries), [env.coordinator]
        e = w.escrows.get(slot)
        seq = e.next_seq if e else 0
        address = self.address(slot)
        if op == "open":
            return p.open_escrow(cust.pubkey(), self.jobs[slot], sup.node, sup.key,
                                 usdc.address, a, b, c, now + d), [cust]
        if op == "top_up":
            return p.top_up(cust.pubkey(), address, usdc.address, a), [cust]
        if op == "extend":
            return p.extend(cust.pubkey(), address, (e.expires_at if e else now) + a), [cust]
        if op in ("settle", "replay"):
            return p.settle(env.coordinator.pubkey(), address, payout, usdc.address, a,
                            max(seq - 1, 0) if op == "replay" else seq), [env.coordinator]
        if op == "close":
            return p.close_escrow(env.coordinator.pubkey(), address, cust.pubkey(), payout,
                                  usdc.address, a, seq), [env.coordinator]
        return p.refund_expired(cust.pubkey(), address, usdc.address), [cust]


def _same(expected: World, actual: World) -> bool:
    if set(expected.escrows) != set(actual.escrows):
        return False
    for slot, e in expected.escrows.items():
        a = actual.escrows[slot]
        fields = ("deposited", "settled", "customer_fees", "supplier_fees", "rate",
                  "min_charge", "opened_at", "expires_at", "refund_after")
        if any(getattr(e, f) != getattr(a, f) for f in fields):
            return False
        if e.next_seq and e.next_seq != a.next_seq:  # 0: a fresh escrow, from the slot
            return False
    return replace(expected, escrows={}) == replace(actual, escrows={})


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(prefix=PREFIX, rest=STEPS)
async def test_random_operations_match_the_model(
        env: EscrowEnv, prefix: tuple[tuple[str, int, int, int, int, int], ...],
        rest: list[tuple[str, int, int, int, int, int]]) -> None:
    steps = [*prefix, *rest]
    usdc = env.mints["usdc"]
    s = Scenario(env, await env.supplier(usdc), await env.wallet(usdc, 10_000 * IO))
    s.jobs = [int.from_bytes(bytes(Keypair().pubkey())[:7], "little") for _ in range(3)]
    grace = env.settings.refund_grace_secs
    world = await s.world()
    for step in steps:
        now = await env.later(step[2] if step[0] == "wait" else 1)
        await env.advance_to(now)
        if step[0] == "wait":
            continue
        try:
            expected: World | Refused = predict(world, step, now, grace)
        except Refused as refused:
            expected = refused
        ix, signers = s.instruction(step, world, now)
        try:
            await env.send(ix, signers)
            landed = True
        except SendFailed as failure:
            landed = False
            assert isinstance(expected, Refused), f"{step} failed: {failure}"
            assert failure.code == expected.code, f"{step}: {failure.code} != {expected.code}"
        await env.expect_at(now)
        actual = await s.world()
        if landed:
            assert not isinstance(expected, Refused), f"{step} landed, model: {expected.code}"
            assert _same(expected, actual), f"{step}:\n{expected}\n{actual}"
        else:
            assert actual == world, f"a refused {step} changed the state"
        world = actual
