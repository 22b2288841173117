"""The scene of io_escrow's generated negative tests and fuzzer: one deployment with every
account the instructions need, and a valid instruction of each kind over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from escrow_harness import STAKING_ELF, EscrowEnv, Mint, Supplier, new_escrow_env
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.instructions import create_associated_token_account
from staking_harness import IO, Env, new_deployment

from ionet.deploy import deploy_program
from ionet.escrow import EscrowProgram
from ionet.loader_v3 import programdata_address

JOB = 7_777  # the job id of the escrow the valid `open_escrow` would create


@dataclass
class Scene:
    """One io_escrow deployment (one enabled mint) over the session's io_staking, with an
    open escrow on a supplier's node, a second customer's escrow on a second node, a mint
    not yet enabled, an uninitialized deployment, and the look-alikes the faults use."""

    env: EscrowEnv
    uninitialized: EscrowProgram
    usdc: Mint
    new_mint: Mint  # not enabled: what the valid `enable_mint` enables
    other_books: Pubkey  # the PaymentMint of another enabled mint
    supplier: Supplier
    customer: Keypair
    escrow: Pubkey
    other_supplier: Supplier
    other_customer: Keypair
    other_escrow: Pubkey
    pending_admin: Keypair
    stranger_token: Pubkey  # a usdc token account (an associated one) of someone else
    foreign_program_data: Pubkey
    foreign_staking: dict[str, Pubkey]
    """Accounts of each io_staking type of another io_staking deployment: the look-alikes
    of the `owner = config.staking_program` accounts, right type, wrong program."""

    @property
    def program(self) -> EscrowProgram:
        return self.env.program

    @property
    def staking(self) -> Env:
        return self.env.staking


async def build_scene(staking: Env, escrow_elf: bytes) -> Scene:
    env = await new_escrow_env(staking, escrow_elf)
    env.check = False
    usdc = await env.add_mint("usdc")
    new_mint = await env.add_mint("new", enable=False)
    other = await env.add_mint("other")
    supplier = await env.supplier(usdc)
    other_supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 10**9)
    other_customer = await env.wallet(usdc, 10**9)
    escrow = await env.open(customer, supplier, usdc, 10**6)
    other_escrow = await env.open(other_customer, other_supplier, usdc, 10**6)
    pending = await env.cluster.new_funded_keypair()
    await env.send(env.program.propose_admin(env.admin.pubkey(), pending.pubkey()), [env.admin])
    stranger = await env.wallet(usdc)
    # The treasury's token account, for `sweep_fees`.
    await env.staking.raw_send([create_associated_token_account(
        env.cluster.wallet.pubkey(), env.treasury.pubkey(), usdc.address, usdc.token_program)])
    cluster = env.cluster
    uninitialized = await deploy_program(cluster.client, cluster.wallet, Keypair(), escrow_elf)
    foreign = Env(cluster, await new_deployment(cluster, STAKING_ELF.read_bytes(),
                                                staking.deployment.caller), check=False)
    _, foreign_node = await foreign.owner_with_node(stake=1_000 * IO)
    foreign_staking = {"io_staking::StakingConfig": foreign.program.config,
                       "io_staking::Node": foreign_node}
    return Scene(env, EscrowProgram(uninitialized, staking.program.program_id), usdc,
                 new_mint, env.program.payment_mint(other.address), supplier, customer, escrow,
                 other_supplier, other_customer, other_escrow, pending,
                 env.token_account(stranger.pubkey(), usdc),
                 programdata_address(staking.program.program_id), foreign_staking)


Built = tuple[Instruction, list[Keypair]]


def valid_instruction(s: Scene, instruction: str) -> Built:
    """The instruction with accounts that pass every declared constraint."""
    p, env, usdc = s.program, s.env, s.usdc
    customer, coordinator = s.customer, env.coordinator
    payout = env.payout(s.supplier, usdc)
    mint, tp = usdc.address, usdc.token_program
    builders: dict[str, Callable[[], Built]] = {
        "initialize": lambda: (s.uninitialized.initialize(
            env.cluster.wallet.pubkey(), Keypair().pubkey(), env.settings),
            [env.cluster.wallet]),
        "update_config": lambda: (p.update_config(env.admin.pubkey(), coordinator.pubkey(),
                                                  env.treasury.pubkey(), 86_400), [env.admin]),
        "propose_admin": lambda: (p.propose_admin(env.admin.pubkey(), s.pending_admin.pubkey()),
                                  [env.admin]),
        "accept_admin": lambda: (p.accept_admin(s.pending_admin.pubkey()), [s.pending_admin]),
        "set_paused": lambda: (p.set_paused(env.admin.pubkey(), False), [env.admin]),
        "propose_fees": lambda: (p.propose_fees(env.admin.pubkey(), 25, 25), [env.admin]),
        "enable_mint": lambda: (p.enable_mint(env.admin.pubkey(), s.new_mint.address,
                                              s.new_mint.token_program), [env.admin]),
        "open_escrow": lambda: (p.open_escrow(customer.pubkey(), JOB, s.supplier.node,
                                              s.supplier.key, mint, 1_000, 1, 0, 2**40, tp),
                                [customer]),
        "top_up": lambda: (p.top_up(customer.pubkey(), s.escrow, mint, 1, tp), [customer]),
        "extend": lambda: (p.extend(customer.pubkey(), s.escrow, 2**40), [customer]),
        "settle": lambda: (p.settle(coordinator.pubkey(), s.escrow, payout, mint, 1,
                                    env.seq(s.escrow, 0), tp), [coordinator]),
        "settle_batch": lambda: (p.settle_batch(coordinator.pubkey(), s.supplier.node, payout,
                                                mint, [(s.escrow, 1, env.seq(s.escrow, 0))],
                                                tp), [coordinator]),
        "close_escrow": lambda: (p.close_escrow(coordinator.pubkey(), s.escrow,
                                                customer.pubkey(), payout, mint, 0, 0, tp),
                                 [coordinator]),
        "refund_expired": lambda: (p.refund_expired(customer.pubkey(), s.escrow, mint, tp),
                                   [customer]),
        "refund_ineligible": lambda: (p.refund_ineligible(customer.pubkey(), s.escrow,
                                                          s.supplier.node, mint, tp),
                                      [customer]),
        "sweep_fees": lambda: (p.sweep_fees(env.treasury.pubkey(), mint, tp), []),
    }
    return builders[instruction]()


