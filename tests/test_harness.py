"""The test harness itself, on whichever backend the session uses (fixture ``cluster``)."""

import pytest
from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer

from ionet.testing import SendFailed, TestCluster


async def test_harness_send_advance_and_errors(cluster: TestCluster) -> None:
    alice = await cluster.new_funded_keypair()
    bob = Keypair()

    def pay(lamports: int):
        return transfer(TransferParams(from_pubkey=alice.pubkey(), to_pubkey=bob.pubkey(),
                                       lamports=lamports))

    sent = await cluster.send([pay(10**6)], [alice], payer=alice)
    assert sent.compute_units == 150 and sent.fee == 5000 and sent.logs
    assert await cluster.balance(bob.pubkey()) == 10**6
    again = await cluster.send([pay(10**6)], [alice], payer=alice)  # same tx: next slot
    assert again.signature != sent.signature
    with pytest.raises(SendFailed) as info:
        await cluster.send([pay(10**15)], [alice], payer=alice)
    assert info.value.code == 1 and info.value.instruction_index == 0
    assert any("insufficient lamports" in line for line in info.value.logs)
    with pytest.raises(ValueError, match="no keypair"):
        await cluster.send([pay(1)], [], payer=None)  # alice must sign
    seconds = 3600 if cluster.can_warp else 2  # an external cluster's clock is waited for
    t0 = await cluster.unix_timestamp()
    await cluster.advance_time(seconds)
    assert await cluster.unix_timestamp() >= t0 + seconds
    simulated = await cluster.simulate([pay(1)], [alice])
    assert simulated.compute_units == 150
