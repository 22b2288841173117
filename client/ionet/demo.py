"""`make demo`: the end-to-end scenario against the embedded local validator.

Starts `ionet localnet` (JSON-RPC over LiteSVM, programs deployed at their Anchor.toml ids
through the upgradeable loader), then walks through the protocol as its users would,
printing every transaction's compute units and events.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.instructions import create_associated_token_account

from ionet.escrow import EscrowProgram, EscrowSettings
from ionet.events import decode_events
from ionet.merkle import RewardTree
from ionet.slashing import (
    Offense,
    SlashingProgram,
    SlashingSettings,
    evidence_hash,
    slasher_address,
)
from ionet.staking import Settings, StakingProgram
from ionet.testing import TestCluster, start_localnet_process

ROOT = Path(__file__).resolve().parents[2]


class Scenario:
    """Sends the scenario's transactions and reports each one."""

    def __init__(self, cluster: TestCluster, *, quiet: bool = False) -> None:
        self.cluster = cluster
        self.quiet = quiet
        self.rows: list[tuple[str, int, str]] = []
        self.costaker_balance = 0

    async def step(self, title: str, program: str, instructions: Sequence[Instruction],
                   signers: Sequence[Keypair]) -> None:
        sent = await self.cluster.send(list(instructions), list(signers))
        events = decode_events(program, self.cluster.program_ids[program], sent.logs)
        names = ", ".join(e.name for e in events) or "-"
        self.rows.append((title, sent.compute_units, names))
        if not self.quiet:
            print(f"  {title:<52} {sent.compute_units:>7,} CU   {names}")


IO = 10**8  # $IO has 8 decimals
DAY = 86_400


async def initialize_escrow(scenario: Scenario) -> None:
    admin = scenario.cluster.wallet
    ids = scenario.cluster.program_ids
    escrow_program = EscrowProgram(ids["io_escrow"], ids["io_staking"])
    settings = EscrowSettings(coordinator=admin.pubkey(), treasury=admin.pubkey(),
                              staking_program=ids["io_staking"])
    await scenario.step("io_escrow: initialize (upgrade authority)", "io_escrow",
                        [escrow_program.initialize(admin.pubkey(), admin.pubkey(), settings)],
                        [admin])


async def funded(cluster: TestCluster, program: StakingProgram, tokens: int) -> Keypair:
    """A wallet with SOL and `tokens` base units of $IO in its associated token account."""
    owner = await cluster.new_funded_keypair()
    await cluster.send([create_associated_token_account(
        cluster.wallet.pubkey(), owner.pubkey(), program.stake_mint, program.token_program)])
    if tokens:
        await cluster.mint_to(program.stake_mint, program.token_account(owner.pubkey()), tokens)
    return owner


async def staking(scenario: Scenario) -> tuple[StakingProgram, Keypair, Pubkey, Pubkey]:
    """A supplier stakes a device, a co-staker backs it, rewards are posted and claimed,
    and the co-staker leaves through the exit wait and the cooldown."""
    cluster = scenario.cluster
    admin = cluster.wallet
    mint = await cluster.create_mint(decimals=8)
    program = StakingProgram(cluster.program_ids["io_staking"], mint)
    step = scenario.step
    treasury_owner = await funded(cluster, program, 0)
    reward_authority, pause_authority = Keypair(), Keypair()
    slasher = slasher_address(cluster.program_ids["io_slashing"])
    settings = Settings.io_net(8, reward_authority=reward_authority.pubkey(),
                               pause_authority=pause_authority.pubkey(), slasher=slasher,
                               treasury=program.token_account(treasury_owner.pubkey()))
    await step("io_staking: initialize (io.net defaults)", "io_staking",
               [program.initialize(admin.pubkey(), admin.pubkey(), settings)], [admin])

    supplier = await funded(cluster, program, 20_000 * IO)
    node_id = bytes(range(32))
    node = program.node(node_id)
    await step("register 8 x H100 node, multiplier 10, 20 % share", "io_staking",
               [program.register_node(supplier.pubkey(), node_id, 8, 100_000, 2_000)],
               [supplier])
    await step("supplier stakes 16 000 IO (the minimum)", "io_staking",
               [program.stake(supplier.pubkey(), node, 16_000 * IO)], [supplier])
    backer = await funded(cluster, program, 5_000 * IO)
    await step("co-staker stakes 4 000 IO", "io_staking",
               [program.costake(backer.pubkey(), node, 4_000 * IO)], [backer])

    tree = RewardTree([(node, 500 * IO)] + [(Keypair().pubkey(), n * IO) for n in (7, 9, 12)])
    await cluster.mint_to(mint, program.reward_vault, tree.total)
    await step(f"post epoch 1 reward root ({len(tree)} devices)", "io_staking",
               [program.post_reward_tree(reward_authority.pubkey(), 1, tree)],
               [reward_authority])
    await step("anyone claims the node's rewards (Merkle proof)", "io_staking",
               [program.claim_node_rewards_from(tree, node)], [])
    await step("co-staker claims its share", "io_staking",
               [program.claim_rewards(backer.pubkey(), node)], [backer])

    await step("co-staker asks to leave", "io_staking",
               [program.request_unstake(backer.pubkey(), node)], [backer])
    await cluster.advance_time(7 * DAY)
    await step("after the 7-day exit wait: cooldown starts", "io_staking",
               [program.start_cooldown(node, backer.pubkey())], [])
    await cluster.advance_time(14 * DAY)
    await step("after the 14-day cooldown: withdraw", "io_staking",
               [program.withdraw(backer.pubkey(), node)], [backer])
    balance = await cluster.token_balance(program.token_account(backer.pubkey()))
    scenario.costaker_balance = balance
    if not scenario.quiet:
        print(f"  co-staker's balance: {balance / IO:,.2f} IO "
              f"(started with 5,000; earned {(balance - 5_000 * IO) / IO:,.2f})")
    return program, supplier, node, settings.treasury


async def slashing(scenario: Scenario, staking_program: StakingProgram, node: Pubkey,
                   treasury: Pubkey) -> None:
    """A reporter proposes to slash the node for a failed proof of work; nobody disputes
    it within the 7-day challenge window, so anyone executes it: io_staking slashes 10 %
    to the treasury and jails the node for 7 days."""
    cluster = scenario.cluster
    admin = cluster.wallet
    program = SlashingProgram(cluster.program_ids["io_slashing"], staking_program)
    step = scenario.step
    await step("io_slashing: initialize (upgrade authority)", "io_slashing",
               [program.initialize(admin.pubkey(), admin.pubkey(), SlashingSettings.default())],
               [admin])
    reporter = await cluster.new_funded_keypair()
    await step("admin adds a reporter", "io_slashing",
               [program.add_reporter(admin.pubkey(), reporter.pubkey())], [admin])
    await step("reporter proposes 10 % for a failed proof of work", "io_slashing",
               [program.propose_slash(reporter.pubkey(), node, 0, Offense.FAILED_PROOF_OF_WORK,
                                      1_000, evidence_hash(b"proof-of-work transcript"))],
               [reporter])
    await cluster.advance_time(7 * DAY)
    await step("after the challenge window: anyone executes it", "io_slashing",
               [program.execute_slash(node, 0, treasury)], [])


async def escrow(scenario: Scenario, staking_program: StakingProgram, supplier: Keypair,
                 node: Pubkey) -> None:
    """A customer prepays GPU time on the node in $IO; the coordinator settles one escrow,
    then three in one batch, and closes the first; the fees go to the treasury."""
    cluster = scenario.cluster
    admin = cluster.wallet  # also the coordinator and the treasury here
    ids = cluster.program_ids
    program = EscrowProgram(ids["io_escrow"], ids["io_staking"])
    mint, token_program = staking_program.stake_mint, staking_program.token_program
    step = scenario.step
    await step("io_escrow: enable $IO as a payment mint", "io_escrow",
               [program.enable_mint(admin.pubkey(), mint, token_program)], [admin])
    customer = await funded(cluster, staking_program, 1_000 * IO)
    payout = staking_program.token_account(supplier.pubkey())
    now = await cluster.unix_timestamp()
    jobs = [1, 2, 3, 4]
    for job in jobs:
        await step(f"customer opens escrow {job}: 100 IO, 0.01 IO/s, 1 IO minimum", "io_escrow",
                   [program.open_escrow(customer.pubkey(), job, node, supplier.pubkey(), mint,
                                        100 * IO, IO // 100, IO, now + DAY, token_program)],
                   [customer])
    escrows = [program.escrow(customer.pubkey(), job) for job in jobs]
    seqs = []
    for address in escrows:
        state = await program.fetch_escrow(cluster.client, address)
        assert state is not None
        seqs.append(state.next_seq)
    await step("coordinator settles 1 IO of escrow 1", "io_escrow",
               [program.settle(admin.pubkey(), escrows[0], payout, mint, IO, seqs[0],
                               token_program)], [admin])
    await step("coordinator settles escrows 2-4 in one batch", "io_escrow",
               [program.settle_batch(admin.pubkey(), node, payout, mint,
                                     [(e, IO, seq) for e, seq in zip(escrows[1:], seqs[1:],
                                                                     strict=True)],
                                     token_program)], [admin])
    await cluster.advance_time(3_600)
    await step("an hour later: coordinator closes escrow 1 (final 0.5 IO)", "io_escrow",
               [program.close_escrow(admin.pubkey(), escrows[0], customer.pubkey(), payout,
                                     mint, IO // 2, seqs[0] + 1, token_program)], [admin])
    await cluster.send([create_associated_token_account(admin.pubkey(), admin.pubkey(), mint,
                                                        token_program)])
    await step("anyone sweeps the fees to the treasury", "io_escrow",
               [program.sweep_fees(admin.pubkey(), mint, token_program)], [])


async def run(cluster: TestCluster, scenario: Scenario | None = None) -> Scenario:
    """Runs the scenario on `cluster` (whose wallet is the programs' upgrade authority)."""
    scenario = scenario or Scenario(cluster)
    await initialize_escrow(scenario)
    program, supplier, node, treasury = await staking(scenario)
    await escrow(scenario, program, supplier, node)
    await slashing(scenario, program, node, treasury)
    return scenario


def main() -> int:
    print("starting ionet localnet ...")
    process = start_localnet_process(anchor_toml=ROOT / "Anchor.toml", extra_args=["--quiet"])
    try:
        print(f"listening on {process.rpc_url} (started in {process.startup_seconds:.2f} s)")
        for name, program_id in sorted(process.program_ids.items()):
            print(f"  {name:<12} {program_id}")

        async def scenario() -> None:
            cluster = process.connect()
            try:
                await run(cluster)
            finally:
                await cluster.close()

        asyncio.run(scenario())
        print("demo finished")
        return 0
    finally:
        process.stop()


if __name__ == "__main__":
    sys.exit(main())
