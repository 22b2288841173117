"""``deploy [PROGRAM...]`` and ``upgrade PROGRAM``: the BPF Upgradeable Loader on any cluster,
with a progress bar over the buffer writes, resumable after an interruption.

Then the program's 0.30 IDL (``target/idl/<name>.json`` beside ``target/deploy/``, its
``address`` set to the program id) is put on chain as ``anchor idl init`` / ``anchor idl
upgrade`` would, with the upgrade authority as IDL authority (``--no-idl`` to skip), so that
``anchor idl fetch``, ``Program.fetchIdl`` and explorers find it.

The buffer's keypair is kept in ``$IONET_HOME/buffers/<cluster>-<program id>.json``
(``IONET_HOME``: ``~/.config/ionet``) until the program is deployed. Run the same command
again after an interruption and it reuses that buffer: the chunks already on chain are
compared with the program and only the missing or different ones are written.
"""

from __future__ import annotations

import asyncio
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.transaction import Transaction

from ionet import loader_v3, onchain_idl
from ionet.cli.common import command
from ionet.cli.context import Context, find_anchor_toml, read_keypair_file
from ionet.cli.errors import CliError, describe_transaction_error
from ionet.cli.output import emit, stderr, table

__all__ = ["buffer_keypair_path", "register"]

_IN_FLIGHT = 64
LAMPORTS_PER_SOL = 1_000_000_000


def buffer_keypair_path(cluster: str, program_id: Pubkey) -> Path:
    home = Path(os.environ.get("IONET_HOME", "~/.config/ionet")).expanduser()
    return home / "buffers" / f"{cluster}-{program_id}.json"


@dataclass
class Target:
    name: str
    so_path: Path
    keypair_path: Path | None
    program_id: Pubkey
    idl_path: Path


def _targets(ctx: Context, names: tuple[str, ...], program_keypair: str | None) -> list[Target]:
    anchor = find_anchor_toml(Path.cwd())
    root = anchor.parent if anchor is not None else Path.cwd()
    listed: list[str] = []
    if anchor is not None:
        doc = tomllib.loads(anchor.read_text())
        listed = list(doc.get("programs", {}).get(ctx.cluster_name, {}))
    chosen = list(names) or listed
    if not chosen:
        raise CliError("name the programs to deploy (no Anchor.toml programs for "
                       f"{ctx.cluster_name})")
    if program_keypair and len(chosen) != 1:
        raise CliError("--program-keypair goes with exactly one PROGRAM")
    targets = []
    for name in chosen:
        if name.endswith(".so"):
            so_path = Path(name)
            stem = so_path.name.removesuffix(".so")
            keypair_path: Path | None = so_path.with_name(f"{stem}-keypair.json")
        else:
            stem = name
            so_path = root / "target" / "deploy" / f"{name}.so"
            keypair_path = root / "target" / "deploy" / f"{name}-keypair.json"
        if not so_path.exists():
            raise CliError(f"program file {so_path} does not exist (run `make build`)")
        if program_keypair:
            keypair_path = Path(program_keypair)
        if ctx.program_id_option and not program_keypair:
            program_id = ctx.program_id(name)
            if keypair_path is None or not keypair_path.exists() or read_keypair_file(
                    keypair_path, "program keypair").pubkey() != program_id:
                keypair_path = None
        elif keypair_path is not None and keypair_path.exists():
            program_id = read_keypair_file(keypair_path, "program keypair").pubkey()
        elif not name.endswith(".so") and not program_keypair:
            program_id = ctx.program_id(name)
            keypair_path = None
        else:
            raise CliError(f"program keypair file {keypair_path} does not exist")
        idl_path = so_path.parent.parent / "idl" / f"{stem}.json"
        targets.append(Target(stem, so_path, keypair_path, program_id, idl_path))
    return targets


class _Loader:
    """Sends loader transactions, one after the other or many at once."""

    def __init__(self, ctx: Context, payer: Keypair) -> None:
        self.ctx = ctx
        self.payer = payer

    async def send(self, instructions: list[Instruction], signers: list[Keypair],
                   what: str) -> Signature:
        client = self.ctx.client
        blockhash = (await client.get_latest_blockhash(self.ctx.commitment)).value.blockhash
        keys = {k.pubkey(): k for k in [self.payer, *signers]}
        message = Message.new_with_blockhash(instructions, self.payer.pubkey(), blockhash)
        needed = message.account_keys[: message.header.num_required_signatures]
        tx = Transaction([keys[k] for k in needed], message, blockhash)
        try:
            sent = await client.send_raw_transaction(bytes(tx), TxOpts(
                skip_confirmation=True, preflight_commitment=self.ctx.commitment))
        except RPCException as exc:
            detail = exc.args[0] if exc.args else exc
            if isinstance(detail, SendTransactionPreflightFailureMessage):
                ids = [message.account_keys[i.program_id_index] for i in message.instructions]
                text = describe_transaction_error(detail.data.err, ids, {})
                raise CliError(f"{what} failed: {text}", detail.data.logs or []) from None
            raise CliError(f"{what} failed: {getattr(detail, 'message', detail)}") from None
        return sent.value

    async def confirm(self, signatures: dict[Signature, str]) -> None:
        pending = dict(signatures)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while pending:
            keys = list(pending)
            statuses = (await self.ctx.client.get_signature_statuses(keys)).value
            for signature, status in zip(keys, statuses, strict=True):
                if status is None:
                    continue
                if status.err is not None:
                    raise CliError(f"{pending[signature]} failed: {status.err}")
                if status.confirmation_status is not None:
                    del pending[signature]
            if pending:
                if loop.time() > deadline:
                    raise CliError(f"{next(iter(pending.values()))} was not confirmed in time")
                await asyncio.sleep(0.05)

    async def run(self, instructions: list[Instruction], signers: list[Keypair],
                  what: str) -> Signature:
        signature = await self.send(instructions, signers, what)
        await self.confirm({signature: what})
        return signature


def _load_buffer_keypair(path: Path) -> Keypair | None:
    if not path.exists():
        return None
    try:
        return Keypair.from_bytes(bytes(json.loads(path.read_text())))
    except (ValueError, TypeError):
        return None


def _save_keypair(path: Path, keypair: Keypair) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(list(bytes(keypair))))
    os.chmod(path, 0o600)


async def _publish_idl(ctx: Context, loader: _Loader, target: Target,
                       authority: Keypair) -> str | None:
    """Puts the program's IDL on chain; what was done, or None without an IDL file."""
    if not target.idl_path.exists():
        return None
    try:
        idl = json.loads(target.idl_path.read_text())
    except (OSError, ValueError) as exc:
        raise CliError(f"cannot read the IDL {target.idl_path}: {exc}") from None
    if not isinstance(idl, dict) or "instructions" not in idl:
        raise CliError(f"{target.idl_path} is not an Anchor IDL")
    idl["address"] = str(target.program_id)

    async def send(instructions: list[Instruction], signers: list[Keypair], what: str) -> None:
        await loader.run(instructions, [authority, *signers], f"{what} of {target.name}")

    async def fetch(address: Pubkey) -> bytes | None:
        info = (await ctx.client.get_account_info(address, ctx.commitment)).value
        return None if info is None else bytes(info.data)

    async def rent(size: int) -> int:
        return (await ctx.client.get_minimum_balance_for_rent_exemption(size)).value

    try:
        return await onchain_idl.publish(target.program_id, idl, authority, send, fetch, rent)
    except PermissionError as exc:
        raise CliError(f"cannot publish the IDL of {target.name}: {exc} (--no-idl to skip)"
                       ) from None


async def _deploy_one(ctx: Context, target: Target, payer: Keypair, authority: Keypair,
                      max_len: int | None, upgrade_only: bool, console: Console,
                      quiet: bool, publish_idl: bool = True) -> dict[str, Any]:
    client = ctx.client
    elf = target.so_path.read_bytes()
    loader = _Loader(ctx, payer)
    program_info = (await client.get_account_info(target.program_id, ctx.commitment)).value
    exists = program_info is not None
    if exists and program_info is not None and program_info.owner != loader_v3.LOADER_V3_ID:
        raise CliError(f"{target.program_id} is not a program of the upgradeable loader")
    if upgrade_only and not exists:
        raise CliError(f"no program at {target.program_id} to upgrade (use `ionet deploy`)")
    if exists:
        data = (await client.get_account_info(loader_v3.programdata_address(target.program_id),
                                              ctx.commitment)).value
        if data is None:
            raise CliError(f"{target.program_id} has no ProgramData account")
        header = loader_v3.decode_programdata(bytes(data.data))
        if header.upgrade_authority is None:
            raise CliError(f"{target.program_id} is immutable; it cannot be upgraded")
        if header.upgrade_authority != authority.pubkey():
            raise CliError(f"{authority.pubkey()} is not the upgrade authority of "
                           f"{target.program_id} ({header.upgrade_authority})")
        if header.program_len < len(elf):
            raise CliError(f"{target.name} is {len(elf):,} bytes, more than the "
                           f"{header.program_len:,} the program account has room for")
    program_keypair = None
    if not exists:
        if target.keypair_path is None:
            raise CliError(f"deploying {target.name} needs its program keypair "
                           f"(target/deploy/{target.name}-keypair.json or --program-keypair)")
        program_keypair = read_keypair_file(target.keypair_path, "program keypair")

    size = loader_v3.BUFFER_METADATA_SIZE + len(elf)
    rent = (await client.get_minimum_balance_for_rent_exemption(size)).value
    state_path = buffer_keypair_path(ctx.cluster_name, target.program_id)
    buffer = _load_buffer_keypair(state_path)
    on_chain: bytes | None = None
    if buffer is not None:
        info = (await client.get_account_info(buffer.pubkey(), ctx.commitment)).value
        if info is not None:
            raw = bytes(info.data)
            try:
                owner_ok = info.owner == loader_v3.LOADER_V3_ID and \
                    loader_v3.buffer_authority(raw) == authority.pubkey() and len(raw) == size
            except ValueError:
                owner_ok = False
            if owner_ok:
                on_chain = raw[loader_v3.BUFFER_METADATA_SIZE:]
            else:
                buffer = None  # a buffer of something else: start a new one
    if buffer is None:
        buffer = Keypair()
        _save_keypair(state_path, buffer)
    if on_chain is None:
        balance = (await client.get_balance(payer.pubkey(), ctx.commitment)).value
        needed = rent + (0 if exists else 2 * (await client.get_minimum_balance_for_rent_exemption(
            loader_v3.PROGRAMDATA_METADATA_SIZE + (max_len or 2 * len(elf)))).value)
        if balance < needed:
            raise CliError(f"the fee payer {payer.pubkey()} has "
                           f"{balance / LAMPORTS_PER_SOL:.9g} SOL; deploying {target.name} "
                           f"needs about {needed / LAMPORTS_PER_SOL:.9g} SOL")
        steps = loader_v3.buffer_steps(payer, authority, buffer, elf, lambda _n: rent)
        await loader.run(steps[0].instructions, steps[0].signers, "creating the buffer")
        writes = steps[1:]
        resumed = 0
    else:
        chunk = loader_v3.write_chunk_size(payer, authority)
        all_writes = loader_v3.buffer_steps(payer, authority, buffer, elf,
                                            lambda _n: rent)[1:]
        writes = [step for n, step in enumerate(all_writes)
                  if on_chain[n * chunk:(n + 1) * chunk] != elf[n * chunk:(n + 1) * chunk]]
        resumed = len(all_writes) - len(writes)
        if not quiet:
            console.print(f"Resuming buffer {buffer.pubkey()}: {resumed} of "
                          f"{len(all_writes)} chunks already written", markup=False)
    total = len(writes) + resumed
    progress = Progress(TextColumn(f"{target.name}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console, disable=quiet, transient=False)
    try:
        with progress:
            task = progress.add_task("writing", total=total, completed=resumed)
            for start in range(0, len(writes), _IN_FLIGHT):
                batch = writes[start:start + _IN_FLIGHT]
                signatures = await asyncio.gather(*(
                    loader.send(s.instructions, s.signers, s.name) for s in batch))
                await loader.confirm({sig: s.name for sig, s in zip(signatures, batch,
                                                                    strict=True)})
                progress.update(task, advance=len(batch))
    except CliError as exc:
        raise CliError(f"{exc.message} (buffer {buffer.pubkey()} is kept in {state_path}: "
                       f"run the same command again to resume)", exc.logs) from None
    if exists:
        step = loader_v3.upgrade_step(payer, target.program_id, authority, buffer.pubkey())
        action = "upgraded"
    else:
        assert program_keypair is not None
        program_rent = (await client.get_minimum_balance_for_rent_exemption(
            loader_v3.PROGRAM_ACCOUNT_SIZE)).value
        step = loader_v3.deploy_step(payer, program_keypair, authority, buffer.pubkey(),
                                     max_len if max_len is not None else 2 * len(elf),
                                     lambda _n: program_rent)
        action = "deployed"
    signature = await loader.run(step.instructions, step.signers, step.name)
    state_path.unlink(missing_ok=True)
    idl = await _publish_idl(ctx, loader, target, authority) if publish_idl else None
    return {"name": target.name, "programId": str(target.program_id), "action": action,
            "idl": idl,
            "size": len(elf), "buffer": str(buffer.pubkey()), "writes": len(writes),
            "chunksResumed": resumed, "signature": str(signature),
            "explorer": ctx.explorer_link(str(signature))}


def register(cli: click.Group) -> None:

    async def run(ctx: Context, programs: tuple[str, ...], program_keypair: str | None,
                  upgrade_authority: str | None, max_len: int | None, fee_payer: str | None,
                  upgrade_only: bool, publish_idl: bool) -> None:
        targets = _targets(ctx, programs, program_keypair)
        payer_signer = ctx.signer_arg(fee_payer, "fee payer")
        authority_signer = ctx.signer_arg(upgrade_authority, "upgrade authority")
        if payer_signer.keypair is None or authority_signer.keypair is None:
            raise CliError("deploying needs keypair files for the fee payer and the upgrade "
                           "authority")
        console = stderr()
        results = []
        for target in targets:
            results.append(await _deploy_one(ctx, target, payer_signer.keypair,
                                             authority_signer.keypair, max_len, upgrade_only,
                                             console, quiet=ctx.output != "human",
                                             publish_idl=publish_idl))

        def human(out: Console) -> None:
            table(out, ["program", "id", "action", "bytes", "writes", "idl", "signature"],
                  [[r["name"], r["programId"], r["action"], f"{r['size']:,}", r["writes"],
                    r["idl"] or "-", r["signature"]] for r in results],
                  right=["bytes", "writes"])
        emit(ctx.output, {"programs": results}, human)

    common = [
        click.option("--upgrade-authority", metavar="KEYPAIR",
                     help="upgrade authority keypair [default: -k]"),
        click.option("--fee-payer", metavar="KEYPAIR", help="who pays [default: -k]"),
        click.option("--no-idl", is_flag=True,
                     help="do not put target/idl/<PROGRAM>.json on chain"),
    ]

    def with_common(func: Any) -> Any:
        for option in reversed(common):
            func = option(func)
        return func

    @command(cli, "deploy")
    @click.argument("programs", nargs=-1, metavar="[PROGRAM...]")
    @click.option("--program-keypair", metavar="KEYPAIR",
                  help="the program's keypair (its address) [default: "
                  "target/deploy/<PROGRAM>-keypair.json]")
    @click.option("--max-len", type=click.IntRange(1), metavar="BYTES",
                  help="room for later upgrades [default: twice the program's size]")
    @with_common
    async def deploy(ctx: Context, programs: tuple[str, ...], program_keypair: str | None,
                     upgrade_authority: str | None, max_len: int | None,
                     fee_payer: str | None, no_idl: bool) -> None:
        """Deploy programs (names from Anchor.toml, or .so paths); upgrade those that exist.

        Without PROGRAM, every program of Anchor.toml's [programs.<cluster>]. An interrupted
        deployment resumes where it stopped when run again. The program's IDL
        (target/idl/<PROGRAM>.json) is then put on chain, as `anchor idl init` does.

        \b
        Example:
          ionet deploy io_staking -u devnet --upgrade-authority deployer.json
        """
        await run(ctx, programs, program_keypair, upgrade_authority, max_len, fee_payer, False,
                  not no_idl)

    @command(cli, "upgrade")
    @click.argument("program")
    @with_common
    async def upgrade(ctx: Context, program: str, upgrade_authority: str | None,
                      fee_payer: str | None, no_idl: bool) -> None:
        """Upgrade a deployed program with a new build (a name from Anchor.toml or a .so).

        \b
        Example:
          ionet upgrade io_staking -u devnet --upgrade-authority deployer.json
        """
        await run(ctx, (program,), None, upgrade_authority, None, fee_payer, True, not no_idl)
