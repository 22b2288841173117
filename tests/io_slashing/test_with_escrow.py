"""Through all three programs: a slash executed by io_slashing jails the node in io_staking,
and io_escrow reads that jail from io_staking's accounts: the jailed node opens no new
escrow, and its customers take what is left back at once (`refund_ineligible`), while
what was already settled stays the supplier's."""

from __future__ import annotations

from escrow_harness import ESCROW_ELF, IO, new_escrow_env
from slashing_harness import SlashEnv

from ionet.generated.io_escrow.errors import custom as EE
from ionet.slashing import Offense


async def test_a_node_jailed_by_a_slash_opens_no_escrow_and_its_customers_get_the_rest(
        senv: SlashEnv) -> None:
    escrow = await new_escrow_env(senv.staking, ESCROW_ELF.read_bytes())
    usdc = await escrow.add_mint("usdc")
    supplier = await escrow.supplier(usdc)
    customer = await escrow.wallet(usdc, 1_000 * IO)
    opened = await escrow.open(customer, supplier, usdc, 100 * IO, rate=IO)
    await escrow.advance(10)
    await escrow.send(escrow.settle(opened, supplier, usdc, 5 * IO, 0),
                      [escrow.coordinator])
    settled = (await escrow.escrow(opened)).settled

    # A reporter proves spoofing; nobody disputes it; anyone executes it: slash and jail.
    seq = await senv.propose(supplier.node, 100, offense=Offense.SPOOFING)
    await senv.at((await senv.proposal(supplier.node, seq)).challenge_ends_at)
    sent = await senv.execute(supplier.node, seq)
    assert senv.event(sent, "SlashExecuted")["jailed_until"] > await senv.now()

    # The jailed node takes no new escrow ...
    job = 7
    expires = await escrow.now() + 3_600
    open_again = escrow.program.open_escrow(customer.pubkey(), job, supplier.node, supplier.key,
                                            usdc.address, 10 * IO, IO, 0, expires,
                                            usdc.token_program)
    failure = await escrow.fails(open_again, [customer], code=EE.NodeJailed.code,
                                 message=EE.NodeJailed.msg)
    assert failure.instruction_index == 0
    # ... and the customer takes the rest back at once, the settled part staying paid.
    before = await escrow.balance(escrow.token_account(customer.pubkey(), usdc))
    deposited = (await escrow.escrow(opened)).deposited
    await escrow.send(escrow.program.refund_ineligible(customer.pubkey(), opened, supplier.node,
                                                       usdc.address), [customer])
    after = await escrow.balance(escrow.token_account(customer.pubkey(), usdc))
    assert after == before + deposited - settled
