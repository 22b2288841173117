"""The three programs together, in the situations where one program's state meets another's
rules: a slash while the node has open escrows and stake unbonding; the coordinator
rotated in the middle of a settlement stream; a pause in every phase; programs upgraded
with live state; and configs that point at a look-alike program. Every transaction is
followed by the books checks of io_staking and io_escrow (the harnesses')."""

from __future__ import annotations

from escrow_harness import ESCROW_ELF, IO, EscrowEnv, Mint, Supplier, new_escrow_env
from slashing_harness import SLASHING_ELF, STAKING_ELF, SlashEnv
from solders.keypair import Keypair
from staking_harness import Env, new_deployment

from ionet.deploy import deploy_program, upgrade_program
from ionet.escrow import EscrowProgram, EscrowSettings
from ionet.generated.io_escrow.errors import anchor as EA
from ionet.generated.io_escrow.errors import custom as EE
from ionet.generated.io_slashing.errors import custom as SE
from ionet.generated.io_staking.errors import custom as KE
from ionet.slashing import Offense
from ionet.testing import TestCluster

DAY = 86_400


async def _market(senv: SlashEnv) -> tuple[EscrowEnv, Mint, Supplier, Keypair]:
    """io_escrow over the pair's io_staking: a USDC mint, a supplier, a funded customer."""
    escrow = await new_escrow_env(senv.staking, ESCROW_ELF.read_bytes())
    usdc = await escrow.add_mint("usdc")
    supplier = await escrow.supplier(usdc)
    customer = await escrow.wallet(usdc, 10_000 * IO)
    return escrow, usdc, supplier, customer


async def test_a_slash_takes_unbonding_stake_and_leaves_the_escrows_books_whole(
        fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    escrow, usdc, supplier, customer = await _market(senv)
    staking: Env = senv.staking
    node = supplier.node
    costaker = await staking.costaker(node, 40 * IO)
    opened = await escrow.open(customer, supplier, usdc, 100 * IO, rate=IO)
    await escrow.advance(10)
    await escrow.send(escrow.settle(opened, supplier, usdc, 5 * IO, 0), [escrow.coordinator])
    # Stake on its way out: the owner's in the cooldown, the co-staker's waiting to leave.
    await staking.send(staking.program.request_unstake(supplier.key, node, 50 * IO),
                       [supplier.owner])
    await staking.send(staking.program.request_unstake(costaker.pubkey(), node, 20 * IO),
                       [costaker])
    before = await senv.books(node)
    held = await escrow.escrow(opened)
    vault = await escrow.balance(escrow.program.vault(usdc.address))

    seq = await senv.propose(node, 1_000, offense=Offense.FAILED_PROOF_OF_WORK)
    # While it is pending, nothing leaves the node, even once the cooldown is over.
    await staking.advance(14 * DAY + 1)
    await staking.fails(staking.program.withdraw(supplier.key, node), [supplier.owner],
                        error=KE.SlashPending)
    await senv.execute(node, seq)  # its challenge window (7 days) is over

    after = await senv.books(node)
    assert before.unbonding > 0
    # 10 % of both pools, the unbonding one included, went to the treasury.
    assert after.active == before.active - before.active // 10
    assert after.unbonding == before.unbonding - before.unbonding // 10
    assert after.treasury - before.treasury == before.vault - after.vault == \
        before.active // 10 + before.unbonding // 10
    # The escrow's money is io_escrow's: the slash moved none of it.
    assert await escrow.balance(escrow.program.vault(usdc.address)) == vault
    assert (await escrow.escrow(opened)).settled == held.settled
    # The jailed node's customer takes the unearned rest back at once.
    await escrow.send(escrow.program.refund_ineligible(customer.pubkey(), opened, node,
                                                       usdc.address), [customer])
    # And the owner's unbonding stake leaves at the slashed price once nothing is pending.
    owner_before = await staking.tokens(supplier.owner)
    await staking.send(staking.program.withdraw(supplier.key, node), [supplier.owner])
    assert await staking.tokens(supplier.owner) - owner_before == 50 * IO - 5 * IO


async def test_a_coordinator_rotated_mid_stream_continues_the_sequence_once(
        fresh_senv: SlashEnv) -> None:
    escrow, usdc, supplier, customer = await _market(fresh_senv)
    opened = await escrow.open(customer, supplier, usdc, 100 * IO, rate=IO)
    await escrow.advance(60)
    old, new = escrow.coordinator, await escrow.cluster.new_funded_keypair()
    await escrow.send(escrow.settle(opened, supplier, usdc, IO, 0), [old])
    await escrow.send(escrow.settle(opened, supplier, usdc, IO, 1), [old])
    await escrow.send(escrow.program.update_config(
        escrow.admin.pubkey(), new.pubkey(), escrow.treasury.pubkey(),
        escrow.settings.refund_grace_secs), [escrow.admin])
    # The old key's next settlement, already signed, is refused; the new one takes seq 2 ...
    await escrow.fails(escrow.settle(opened, supplier, usdc, IO, 2, coordinator=old), [old],
                       code=EE.NotCoordinator.code)
    await escrow.send(escrow.settle(opened, supplier, usdc, IO, 2, coordinator=new), [new])
    # ... and neither can replay a sequence number the other used.
    for seq in (0, 1, 2):
        await escrow.fails(escrow.settle(opened, supplier, usdc, IO, seq, coordinator=new),
                           [new], code=EE.WrongSequence.code)
    assert (await escrow.escrow(opened)).settled == 3 * IO


async def test_a_pause_in_every_phase_stops_new_risk_and_never_an_exit(
        fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    escrow, usdc, supplier, customer = await _market(senv)
    staking, node = senv.staking, supplier.node
    costaker = await staking.costaker(node, 40 * IO)
    opened = await escrow.open(customer, supplier, usdc, 100 * IO, rate=IO,
                               duration=DAY)
    await escrow.advance(30)
    pending = await senv.propose(node, 100)
    disputed = await senv.propose(node, 100)
    await senv.dispute(supplier.owner, node, disputed)

    d = staking.deployment
    await staking.send(staking.program.set_paused(d.pause_authority.pubkey(), True),
                       [d.pause_authority])
    await escrow.send(escrow.program.set_paused(escrow.admin.pubkey(), True), [escrow.admin])
    await senv.send(senv.program.set_paused(senv.admin.pubkey(), True), [senv.admin])

    # New risk stops: stake, escrows, settlement, proposals, executions.
    await staking.fails(staking.program.costake(costaker.pubkey(), node, IO), [costaker],
                        error=KE.Paused)
    await escrow.fails(escrow.program.top_up(customer.pubkey(), opened, usdc.address, IO),
                       [customer], code=EE.Paused.code)
    await escrow.fails(escrow.settle(opened, supplier, usdc, IO, 0), [escrow.coordinator],
                       code=EE.Paused.code)
    await senv.fails(senv.program.propose_slash(senv.reporter.pubkey(), node,
                                                disputed + 1, Offense.DOWNTIME, 100,
                                                b"\x01" * 32),
                     [senv.reporter], error=SE.Paused)
    # Exits and defences go on: leaving stake, disputing, resolving, refunding, closing.
    await staking.send(staking.program.request_unstake(costaker.pubkey(), node, IO),
                       [costaker])
    await senv.dispute(supplier.owner, node, pending)
    await senv.resolve(node, disputed, False)
    await escrow.send(escrow.program.close_escrow(
        escrow.coordinator.pubkey(), opened, customer.pubkey(), escrow.payout(supplier, usdc),
        usdc.address, 0, 0), [escrow.coordinator])
    assert await escrow.cluster.account(opened) is None


async def test_programs_upgraded_with_live_state_keep_working(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    escrow, usdc, supplier, customer = await _market(senv)
    cluster: TestCluster = escrow.cluster
    opened = await escrow.open(customer, supplier, usdc, 100 * IO, rate=IO)
    await escrow.advance(10)
    await escrow.send(escrow.settle(opened, supplier, usdc, IO, 0), [escrow.coordinator])
    seq = await senv.propose(supplier.node, 100)
    for program_id, elf in ((senv.staking.program.program_id, STAKING_ELF),
                            (escrow.program.program_id, ESCROW_ELF),
                            (senv.program.program_id, SLASHING_ELF)):
        await upgrade_program(cluster.client, cluster.wallet, program_id, elf.read_bytes(),
                              cluster.wallet)
    await cluster.advance_time(0, slots=1)  # a program upgraded in a slot runs from the next
    # Every account decodes and every flow goes on where it stopped.
    assert (await escrow.escrow(opened)).settled == IO
    await escrow.send(escrow.settle(opened, supplier, usdc, IO, 1), [escrow.coordinator])
    await senv.at((await senv.proposal(supplier.node, seq)).challenge_ends_at)
    await senv.execute(supplier.node, seq)
    await senv.staking.send(senv.staking.program.request_unstake(
        supplier.key, supplier.node, IO), [supplier.owner])


async def test_configs_pointing_at_a_look_alike_staking_program_accept_none_of_the_real_nodes(
        cluster: TestCluster, fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    escrow, usdc, supplier, customer = await _market(senv)
    # A second io_staking deployment stands in for the real one in a new io_escrow's config.
    look_alike = Env(cluster, await new_deployment(cluster, STAKING_ELF.read_bytes(),
                                                   senv.staking.deployment.caller))
    program_id = await deploy_program(cluster.client, cluster.wallet, Keypair(),
                                      ESCROW_ELF.read_bytes())
    wrong = EscrowProgram(program_id, look_alike.program.program_id)
    settings = EscrowSettings(escrow.coordinator.pubkey(), escrow.treasury.pubkey(),
                              look_alike.program.program_id, customer_fee_bps=25,
                              supplier_fee_bps=25, fee_delay_secs=7 * DAY,
                              refund_grace_secs=DAY)
    await cluster.send([wrong.initialize(cluster.wallet.pubkey(), escrow.admin.pubkey(),
                                         settings)])
    wrong_env = EscrowEnv(senv.staking, wrong, escrow.admin, escrow.coordinator,
                          escrow.treasury, settings)
    await wrong_env.enable(usdc)
    expires = await escrow.now() + DAY
    # A node of the real io_staking, passed with the real staking config or the look-alike's:
    for staking_config in (senv.staking.program.config, look_alike.program.config):
        open_ix = wrong.open_escrow(customer.pubkey(), 1, supplier.node, supplier.key,
                                    usdc.address, 10 * IO, IO, 0, expires, usdc.token_program)
        metas = [m if m.pubkey != wrong.staking_config else
                 type(m)(staking_config, m.is_signer, m.is_writable) for m in open_ix.accounts]
        failure = await wrong_env.fails(type(open_ix)(open_ix.program_id, open_ix.data, metas),
                                        [customer], code=EA.AccountOwnedByWrongProgram.code)
        assert failure.instruction_index == 0
    # The real io_escrow takes the same node as ever.
    await escrow.open(customer, supplier, usdc, 10 * IO)
