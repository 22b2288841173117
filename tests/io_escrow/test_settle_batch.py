"""`settle_batch`: many escrows of one node in one instruction, one transfer for the sum.
The whole batch fails on an escrow of another node or customer's node, the same escrow
twice, a wrong seq or an over-rate amount."""

from __future__ import annotations

from escrow_harness import IO, EscrowEnv, Mint, Supplier
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.escrow import fee


async def _escrows(env: EscrowEnv, supplier: Supplier, mint: Mint, count: int,
                   customer: Keypair | None = None) -> list[Pubkey]:
    buyer = customer or await env.wallet(mint, 10_000 * IO)
    check, env.check = env.check, False  # the books are checked once, after the batch
    try:
        return [await env.open(buyer, supplier, mint, 10 * IO, min_charge=5 * IO)
                for _ in range(count)]
    finally:
        env.check = check


def _batch(env: EscrowEnv, supplier: Supplier, mint: Mint,
           entries: list[tuple[Pubkey, int, int]]) -> Instruction:
    """``entries``: (escrow, amount, k) for each escrow's k-th settlement."""
    numbered = [(e, amount, env.seq(e, k)) for e, amount, k in entries]
    return env.program.settle_batch(env.coordinator.pubkey(), supplier.node,
                                    env.payout(supplier, mint), mint.address, numbered,
                                    mint.token_program)


async def test_settle_batch_pays_the_sum_in_one_transfer(env_any: EscrowEnv) -> None:
    env = env_any
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    escrows = await _escrows(env, supplier, usdc, 3)
    amounts = [IO, 2 * IO, IO // 2]
    sent = await env.send(_batch(env, supplier, usdc, [(e, a, 0) for e, a in
                                                      zip(escrows, amounts, strict=True)]),
                          [env.coordinator])
    fees = sum(fee(a, 25) for a in amounts)
    assert await env.balance(env.payout(supplier, usdc)) == sum(amounts) - fees
    event = env.event(sent, "BatchSettled")
    assert (event["escrows"], event["amount"], event["fee"]) == (3, sum(amounts), fees)
    for escrow, amount in zip(escrows, amounts, strict=True):
        state = await env.escrow(escrow)
        assert (state.settled, state.next_seq) == (amount, env.seq(escrow, 1))
    # The next batch continues every escrow's sequence.
    await env.send(_batch(env, supplier, usdc, [(e, 1, 1) for e in escrows]),
                   [env.coordinator])


async def test_settle_batch_fails_whole_on_one_bad_entry(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier, other = await env.supplier(usdc), await env.supplier(usdc)
    mine = await _escrows(env, supplier, usdc, 2)
    [foreign] = await _escrows(env, other, usdc, 1)
    good = [(mine[0], IO, 0), (mine[1], IO, 0)]
    await env.fails(_batch(env, supplier, usdc, [*good, (foreign, IO, 0)]), [env.coordinator],
                    code=6020, message="EscrowOfAnotherNode")
    await env.fails(_batch(env, supplier, usdc, [good[0], (mine[0], IO, 1)]),
                    [env.coordinator], code=6019, message="DuplicateEscrow")
    await env.fails(_batch(env, supplier, usdc, [good[0], (mine[1], IO, 1)]),
                    [env.coordinator], code=6012, message="WrongSequence")
    await env.fails(_batch(env, supplier, usdc, [good[0], (mine[1], 9 * IO, 0)]),
                    [env.coordinator], code=6013, message="RateExceeded")
    assert (await env.escrow(mine[0])).settled == 0  # nothing of a failed batch stays
    assert await env.balance(env.payout(supplier, usdc)) == 0


async def test_settle_batch_rejects_look_alikes_and_mismatched_entries(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    [escrow] = await _escrows(env, supplier, usdc, 1)
    ix = _batch(env, supplier, usdc, [(escrow, IO, 0)])
    # Another account of ours in the escrow's place (type cosplay), one not ours, and a
    # named account of the instruction passed again.
    other = await env.add_mint("other")
    await env.wallet(other, keypair=env.coordinator)
    for fake, code in ((env.program.payment_mint(other.address), 3002),
                       (env.token_account(env.coordinator.pubkey(), other), 3007),
                       (env.program.payment_mint(usdc.address), 6019)):
        metas = [*ix.accounts[:-1], AccountMeta(fake, False, True)]
        await env.fails(Instruction(ix.program_id, bytes(ix.data), metas), [env.coordinator],
                        code=code)
    read_only = [*ix.accounts[:-1], AccountMeta(escrow, False, False)]
    await env.fails(Instruction(ix.program_id, bytes(ix.data), read_only), [env.coordinator],
                    code=2000)  # ConstraintMut
    await env.fails(Instruction(ix.program_id, bytes(ix.data), list(ix.accounts[:-1])),
                    [env.coordinator], code=6018, message="BatchMismatch")
    intruder = await env.cluster.new_funded_keypair()
    stolen = env.program.settle_batch(intruder.pubkey(), supplier.node,
                                      env.payout(supplier, usdc), usdc.address,
                                      [(escrow, IO, env.seq(escrow, 0))])
    await env.fails(stolen, [intruder], code=6003, message="NotCoordinator")


async def test_settle_batch_takes_escrows_of_several_customers_of_one_node(
        env: EscrowEnv) -> None:
    """A batch is per node (one payout account); its escrows may be any customers'."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    first = await _escrows(env, supplier, usdc, 1)
    second = await _escrows(env, supplier, usdc, 1)
    await env.send(_batch(env, supplier, usdc, [(first[0], IO, 0), (second[0], IO, 0)]),
                   [env.coordinator])
    assert await env.balance(env.payout(supplier, usdc)) == 2 * IO - 2 * fee(IO, 25)
