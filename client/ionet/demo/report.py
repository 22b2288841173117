"""The demo's closing tables: balances per participant, the conservation check, and compute
units per instruction. Everything is read from chain."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from solana.rpc.commitment import Confirmed
from solana.rpc.types import DataSliceOpts, MemcmpOpts
from solders.pubkey import Pubkey

from ionet.demo.cast import Mint
from ionet.demo.scene import Scene
from ionet.escrow import remaining

TOKEN_ACCOUNT_LEN = 165
AMOUNT_OFFSET = 64
"""Where the u64 amount sits in an SPL token account (after mint and owner)."""


@dataclass(frozen=True)
class Check:
    what: str
    ok: bool


def vaults(scene: Scene, mint: Mint) -> dict[str, Pubkey]:
    """The programs' token accounts of ``mint``, by what people call them."""
    found = {f"io_escrow {mint.symbol} vault": scene.escrow.vault(mint.address)}
    if mint == scene.io:
        found = {"io_staking stake vault": scene.staking.stake_vault,
                 "io_staking reward vault": scene.staking.reward_vault, **found}
    return found


async def token_accounts(scene: Scene, mint: Mint) -> dict[Pubkey, int]:
    """Every token account of ``mint`` on chain, with its balance."""
    found = await scene.cluster.client.get_program_accounts(
        mint.token_program, commitment=Confirmed, encoding="base64",
        data_slice=DataSliceOpts(offset=AMOUNT_OFFSET, length=8),
        filters=[TOKEN_ACCOUNT_LEN, MemcmpOpts(offset=0, bytes=str(mint.address))])
    return {a.pubkey: int.from_bytes(bytes(a.account.data), "little") for a in found.value}


def balances_table(scene: Scene, held: dict[Pubkey, dict[Pubkey, int]]) -> Table:
    table = Table(title="Balances (change since everyone was funded)", title_justify="left")
    table.add_column("who")
    table.add_column("role")
    for mint in scene.mints:
        table.add_column(mint.symbol, justify="right")
    for person in scene.cast.everyone:
        cells = []
        for mint in scene.mints:
            now = held[mint.address][person.token(mint)]
            change = now - scene.start_balances[(person.key, mint.address)]
            sign = "+" if change > 0 else ""
            cells.append(f"{mint.show(now)} ({sign}{mint.show(change)})" if change else
                         mint.show(now))
        table.add_row(person.name, person.role, *cells)
    table.add_section()
    for mint in scene.mints:
        for name, vault in vaults(scene, mint).items():
            cells = [mint.show(held[mint.address][vault]) if m == mint else "" for m in
                     scene.mints]
            table.add_row(name, "program vault", *cells)
    return table


async def conservation(scene: Scene, held: dict[Pubkey, dict[Pubkey, int]]) -> list[Check]:
    """Per mint: every token is in a known account; what left the participants' wallets
    (net) is exactly what the vaults hold; each vault matches its program's books."""
    client = scene.cluster.client
    checks = []
    for mint in scene.mints:
        accounts = held[mint.address]
        supply = int((await client.get_token_supply(mint.address, Confirmed)).value.amount)
        wallets = {p.token(mint) for p in scene.cast.everyone}
        in_vaults = {name: accounts[v] for name, v in vaults(scene, mint).items()}
        unknown = sum(b for key, b in accounts.items()
                      if key not in wallets and key not in vaults(scene, mint).values())
        start = sum(scene.start_balances[(p.key, mint.address)] for p in scene.cast.everyone)
        now = sum(accounts[w] for w in wallets)
        entered = start - now
        total = sum(in_vaults.values())
        checks += [
            Check(f"{mint.symbol}: supply {mint.show(supply)} = wallets {mint.show(now)} + "
                  f"vaults {mint.show(total)}", supply == now + total and unknown == 0),
            Check(f"{mint.symbol}: entered the programs and not paid out "
                  f"{mint.show(entered)} = in the vaults {mint.show(total)}",
                  entered == total),
        ]
        books = await scene.escrow.fetch_payment_mint(client, mint.address)
        escrows = await scene.escrow.fetch_escrows(client, mint.address)
        owed = sum(remaining(e) for e in escrows.values())
        vault = in_vaults[f"io_escrow {mint.symbol} vault"]
        checks.append(Check(
            f"{mint.symbol}: io_escrow vault {mint.show(vault)} = open escrows "
            f"{mint.show(owed)} + unswept fees {mint.show(books.fees_accrued if books else 0)}",
            books is not None and owed == books.owed and vault == owed + books.fees_accrued))
    checks += await _staking_books(scene, held[scene.io.address])
    return checks


async def _staking_books(scene: Scene, accounts: dict[Pubkey, int]) -> list[Check]:
    client, io = scene.cluster.client, scene.io
    nodes = await scene.staking.fetch_all_nodes(client)
    pooled = sum(n.active.tokens + n.unbonding.tokens for n in nodes.values())
    stake_vault = accounts[scene.staking.stake_vault]
    reward_vault = accounts[scene.staking.reward_vault]
    state = await scene.staking.fetch_reward_state(client)
    payable = 0 if state is None else state.root_total - state.paid
    return [
        Check(f"IO: stake vault {io.show(stake_vault)} = the nodes' stake pools "
              f"{io.show(pooled)}", stake_vault == pooled),
        Check(f"IO: reward vault {io.show(reward_vault)} ≥ rewards still payable "
              f"{io.show(payable)}", state is not None and reward_vault >= payable),
    ]


def units_table(units: dict[str, list[int]]) -> Table:
    table = Table(title="Compute units per instruction (transaction metadata)",
                  title_justify="left")
    table.add_column("instruction")
    table.add_column("transactions", justify="right")
    table.add_column("min", justify="right")
    table.add_column("max", justify="right")
    for label in sorted(units):
        spent = units[label]
        table.add_row(label, str(len(spent)), f"{min(spent):,}", f"{max(spent):,}")
    return table


async def report(scene: Scene) -> bool:
    """Prints the closing tables; True when every conservation check holds."""
    console = scene.narrator.console
    scene.narrator.chapter("Where every token is",
                           "Balances, the conservation check and compute units, all read "
                           "from chain.")
    held = {m.address: await token_accounts(scene, m) for m in scene.mints}
    console.print(balances_table(scene, held))
    checks = await conservation(scene, held)
    for check in checks:
        mark = "[green]✓[/]" if check.ok else "[red]✗[/]"
        console.print(f"  {mark} {check.what}", highlight=False)
    console.print(units_table(scene.narrator.units))
    ok = all(c.ok for c in checks)
    console.print("[bold green]conservation OK[/]" if ok else "[bold red]conservation FAILED[/]")
    return ok
