"""Chapter 1: the demo $IO and USDC mints, the participants, and the three programs
initialized by their upgrade authority."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from solders.keypair import Keypair

from ionet.demo.cast import Cast, Mint, Participant, create_mint, join
from ionet.demo.narrator import Narrator
from ionet.demo.scene import Scene
from ionet.escrow import EscrowProgram, EscrowSettings
from ionet.slashing import SlashingProgram, SlashingSettings
from ionet.staking import Settings, StakingProgram
from ionet.testing import TestCluster

FUNDING = {"Ada": ("IO", "16000"), "Ben": ("IO", "4000"), "Cleo": ("IO", "1000"),
           "Dana": ("IO", "5000"), "Eve": ("IO", "1000"), "Finn": ("USDC", "2000"),
           "Gus": ("USDC", "500"), "io.net rewards": ("IO", "2000")}
"""What the admin mints to whom before the story starts (whole tokens)."""


async def _cast(cluster: TestCluster, mints: tuple[Mint, Mint]) -> Cast:
    async def person(name: str, role: str) -> Participant:
        return await join(cluster, name, role, mints)

    admin = await join(cluster, "admin", "upgrade authority, admin", mints, cluster.wallet)
    return Cast(
        admin=admin,
        rewards=await person("io.net rewards", "reward authority"),
        treasury=await person("treasury", "fees and slashed stake"),
        coordinator=await person("coordinator", "settles escrows"),
        reporter=await person("Rex", "reporter"),
        suppliers=(await person("Ada", "supplier, 8 x H100"),
                   await person("Ben", "supplier, 4 x A100"),
                   await person("Cleo", "supplier, 4 x RTX 4070")),
        costaker=await person("Dana", "co-staker"),
        customers=(await person("Eve", "customer, pays in IO"),
                   await person("Finn", "customer, pays in USDC"),
                   await person("Gus", "customer, pays in USDC")),
    )


async def setup(cluster: TestCluster, console: Console, work_dir: Path) -> Scene:
    narrator = Narrator(cluster, console)
    narrator.chapter("Mints, people, programs",
                     "The admin creates a demo $IO mint (8 decimals) and a demo USDC mint "
                     "(6 decimals), funds the participants and initializes the three "
                     "programs with io.net's numbers; io_staking's slasher is io_slashing's "
                     "PDA, io_escrow's coordinator the coordinator's key.")
    io = await create_mint(cluster, "IO", 8)
    usdc = await create_mint(cluster, "USDC", 6)
    narrator.say(f"$IO mint  {io.address}")
    narrator.say(f"USDC mint {usdc.address}")
    cast = await _cast(cluster, (io, usdc))
    ids = cluster.program_ids
    staking = StakingProgram(ids["io_staking"], io.address)
    scene = Scene(cluster, narrator, work_dir, staking,
                  EscrowProgram(ids["io_escrow"], ids["io_staking"]),
                  SlashingProgram(ids["io_slashing"], staking), io, usdc, cast)
    await _fund(scene)
    await _initialize(scene)
    for person in cast.everyone:
        for mint in scene.mints:
            scene.start_balances[(person.key, mint.address)] = await scene.balance(person, mint)
    return scene


async def _fund(scene: Scene) -> None:
    by_name = {p.name: p for p in scene.cast.everyone}
    mints = {m.symbol: m for m in scene.mints}
    for name, (symbol, whole) in FUNDING.items():
        mint = mints[symbol]
        await scene.cluster.mint_to(mint.address, by_name[name].token(mint), mint.units(whole))
    scene.narrator.say("the admin mints " + ", ".join(
        f"{name} {mints[symbol].show(mints[symbol].units(whole))}"
        for name, (symbol, whole) in FUNDING.items()))


async def _initialize(scene: Scene) -> None:
    cast, send = scene.cast, scene.narrator.send
    admin = cast.admin.key
    settings = Settings.io_net(scene.io.decimals, reward_authority=cast.rewards.key,
                               pause_authority=Keypair().pubkey(),
                               slasher=scene.slashing.slasher,
                               treasury=cast.treasury.token(scene.io))
    await send("io_staking: initialize (200 IO per GPU, 14-day cooldown, 7-day co-staker "
               "wait, co-stake ≤ 50 %)",
               [scene.staking.initialize(admin, admin, settings)])
    escrow_settings = EscrowSettings(coordinator=cast.coordinator.key,
                                     treasury=cast.treasury.key,
                                     staking_program=scene.staking.program_id)
    await send("io_escrow: initialize (0.25 % fee from each side, 1-day refund grace)",
               [scene.escrow.initialize(admin, admin, escrow_settings)])
    for mint in scene.mints:
        await send(f"io_escrow: the admin enables {mint.symbol} as a payment mint",
                   [scene.escrow.enable_mint(admin, mint.address, mint.token_program)])
    await send("io_slashing: initialize (7-day challenge window and appeal, ≤ 50 % of a "
               "node in 30 days)",
               [scene.slashing.initialize(admin, admin, SlashingSettings.default())])
    await send(f"io_slashing: the admin adds {cast.reporter.name} as a reporter",
               [scene.slashing.add_reporter(admin, cast.reporter.key)])
