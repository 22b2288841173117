"""`ionet.idl.instruction_name` names our programs' instructions by their discriminator."""

from __future__ import annotations

from solders.keypair import Keypair

from ionet.escrow import EscrowProgram
from ionet.idl import instruction_name
from ionet.slashing import SlashingProgram
from ionet.staking import StakingProgram


def test_instructions_are_named_by_their_discriminator() -> None:
    key = Keypair().pubkey()
    staking = StakingProgram(Keypair().pubkey(), Keypair().pubkey())
    escrow = EscrowProgram(Keypair().pubkey(), staking.program_id)
    slashing = SlashingProgram(Keypair().pubkey(), staking)
    assert instruction_name("io_staking", bytes(staking.withdraw(key, key).data)) == "withdraw"
    assert instruction_name("io_escrow", bytes(escrow.settle_batch(
        key, key, key, key, [(key, 1, 2)]).data)) == "settle_batch"
    assert instruction_name("io_slashing", bytes(slashing.dispute(
        key, key, 0, bytes(32)).data)) == "dispute"
    # Another program's instruction, or no instruction at all, has no name here.
    assert instruction_name("io_escrow", bytes(staking.withdraw(key, key).data)) is None
    assert instruction_name("io_staking", b"") is None
