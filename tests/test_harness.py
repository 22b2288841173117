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


def test_assert_program_error_requires_code_name_message_and_index() -> None:
    from solders.pubkey import Pubkey

    from ionet.generated.io_staking.errors import anchor as A
    from ionet.generated.io_staking.errors import custom as E
    from ionet.testing import assert_program_error

    program = "Stake11111111111111111111111111111111111111"
    line = ("Program log: AnchorError occurred. Error Code: StillUnbonding. Error Number: "
            f"{E.StillUnbonding.code}. Error Message: {E.StillUnbonding.msg}.")
    failed = f"Program {program} failed: custom program error: {E.StillUnbonding.code:#x}"

    def failure(logs: list[str], code: int = E.StillUnbonding.code, index: int = 0
                ) -> SendFailed:
        return SendFailed("failed", logs=logs, code=code, instruction_index=index)

    assert_program_error(failure([line, failed]), E.StillUnbonding, index=0)
    for bad, why in [
            (failure([line, failed]), (E.ExitWaitNotOver, 0)),  # another error
            (failure([line, failed], index=1), (E.StillUnbonding, 0)),  # another instruction
            (failure([failed]), (E.StillUnbonding, 0)),  # no error line
            (failure([line.replace("Unbonding.", "Unbonding!"), failed]),
             (E.StillUnbonding, 0)),  # another message
            (failure([line, line, failed]), (E.StillUnbonding, 0)),  # two error lines
    ]:
        with pytest.raises(AssertionError):
            assert_program_error(bad, why[0], index=why[1])
    with pytest.raises(AssertionError, match="failed: custom program error"):
        assert_program_error(failure([line]), E.StillUnbonding, index=0,
                             program_id=Pubkey.from_string(program))
    # Anchor's own wording of 2001 (anchorpy 0.21 says "has_one").
    has_one = ("Program log: AnchorError caused by account: node. Error Code: "
               "ConstraintHasOne. Error Number: 2001. Error Message: A has one constraint "
               "was violated.")
    assert_program_error(failure([has_one], code=2001), A.ConstraintHasOne, index=0,
                         account="node")
