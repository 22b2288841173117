"""The escrow and slashing CLI tests' world: io_staking, io_escrow and io_slashing deployed
together (io_staking's slasher is this io_slashing's PDA, io_escrow reads this io_staking's
nodes), named by an ``Anchor.toml`` of their own, with a 6-decimal payment mint (USDC-like)
that the ``ionet mint enable`` of the set-up accepts.

The set-up goes through the SDK only where the CLI has no command (deploying without the
IDL, which is quicker, and minting tokens); everything else goes through the ``ionet``
script.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from cli_harness import IO, ROOT, TestCluster, World
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.instructions import (
    MintToCheckedParams,
    create_associated_token_account,
    get_associated_token_address,
    mint_to_checked,
)

from ionet.deploy import deploy_program
from ionet.escrow import TOKEN_PROGRAM_ID

DEPLOY = ROOT / "target" / "deploy"
USDC_DECIMALS = 6
USDC = 10**USDC_DECIMALS


@dataclass
class Market:
    cli: World
    escrow_id: Pubkey
    slashing_id: Pubkey
    usdc: Pubkey
    usdc_authority: Keypair
    coordinator: Path
    coordinator_key: Keypair

    def customer(self, usdc: int, sol: int = 10) -> tuple[Path, Keypair]:
        """A keypair file with SOL and ``usdc`` base units of the payment mint."""
        path, keypair = self.cli.user(0, sol)
        self.mint_usdc(keypair.pubkey(), usdc, create=True)
        return path, keypair

    def mint_usdc(self, owner: Pubkey, amount: int, *, create: bool = False) -> None:
        async def fund(cluster: TestCluster) -> None:
            ixs = [create_associated_token_account(cluster.wallet.pubkey(), owner, self.usdc)
                   ] if create else []
            if amount:
                ixs.append(mint_to_checked(MintToCheckedParams(
                    program_id=TOKEN_PROGRAM_ID, mint=self.usdc, dest=self.usdc_ata(owner),
                    mint_authority=self.usdc_authority.pubkey(), amount=amount,
                    decimals=USDC_DECIMALS)))
            await cluster.send(ixs, [self.usdc_authority])
        self.cli.call(fund)

    def usdc_ata(self, owner: Pubkey) -> Pubkey:
        return get_associated_token_address(owner, self.usdc)

    def usdc_balance(self, owner: Pubkey) -> int:
        async def get(cluster: TestCluster) -> int:
            return await cluster.token_balance(self.usdc_ata(owner))
        return int(self.cli.call(get))

    def eligible_node(self) -> tuple[str, Path, Keypair]:
        """A node with its minimum stake (one GPU, 200 tokens): address, owner file, key."""
        owner, owner_key = self.cli.user(1_000 * IO)
        return self.cli.node(owner, "200"), owner, owner_key


def new_market(world: World, workdir: Path) -> Market:
    staking_key, escrow_key, slashing_key = Keypair(), Keypair(), Keypair()
    staking_id, escrow_id, slashing_id = (k.pubkey() for k in
                                          (staking_key, escrow_key, slashing_key))
    (workdir / "Anchor.toml").write_text(
        f"[programs.localnet]\nio_staking = \"{staking_id}\"\n"
        f"io_escrow = \"{escrow_id}\"\nio_slashing = \"{slashing_id}\"\n")
    cli = replace(world, workdir=workdir, program_id=staking_id)
    coordinator_key, usdc_authority = Keypair(), Keypair()

    async def deploy(cluster: TestCluster) -> Pubkey:
        for key, name in ((staking_key, "io_staking"), (escrow_key, "io_escrow"),
                          (slashing_key, "io_slashing")):
            await deploy_program(cluster.client, cluster.wallet, key,
                                 (DEPLOY / f"{name}.so").read_bytes())
        return await cluster.create_mint(USDC_DECIMALS, usdc_authority.pubkey())
    usdc = cli.call(deploy)
    staking = cli.json("init", "--mint", str(world.mint), "--min-stake-per-gpu", "200")
    slashing = cli.json("slash", "init")
    assert slashing["slasher"] == staking["slasher"]  # io_staking's slasher is this PDA
    escrow = cli.json("escrow", "init", "--coordinator", str(coordinator_key.pubkey()),
                      "--treasury", str(Keypair().pubkey()))
    assert escrow["stakingProgram"] == str(staking_id)
    coordinator = cli.keypair_file(coordinator_key, "coordinator")
    cli.call(lambda c: c.airdrop(coordinator_key.pubkey(), 10**9))
    cli.ok("mint", "enable", str(usdc))
    return Market(cli, escrow_id, slashing_id, usdc, usdc_authority, coordinator,
                  coordinator_key)
