from ionet.testing import SendFailed, TestCluster
from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer
import pytest


async def test_transfer(cluster: TestCluster) -> None:
    alice = await cluster.new_funded_keypair()
    bob = Keypair()
    sent = await cluster.send(
        [transfer(TransferParams(from_pubkey=alice.pubkey(), to_pubkey=bob.pubkey(), lamports=10**6))],
        [alice], payer=alice)
    assert sent.compute_units == 150
    assert await cluster.balance(bob.pubkey()) == 10**6
    with pytest.raises(SendFailed) as info:
        await cluster.send(
            [transfer(TransferParams(from_pubkey=alice.pubkey(), to_pubkey=bob.pubkey(), lamports=10**15))],
            [alice], payer=alice)
    assert info.value.code == 1
    print(info.value)
    t0 = await cluster.unix_timestamp()
    await cluster.advance_time(3600)
    assert await cluster.unix_timestamp() >= t0 + 3600
