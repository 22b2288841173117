"""The admin commands the programs share: ``admin propose | accept`` for all three
(``ionet admin propose NEW``, ``ionet slash admin propose NEW``), and ``pause | unpause``
for io_escrow and io_slashing, whose admin pauses them (io_staking's pause authority has
commands of its own). The SDKs build ``set_paused``, ``propose_admin`` and ``accept_admin``
alike, and the configs hold ``admin``, ``pending_admin`` and ``paused``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import click
from solders.pubkey import Pubkey

from ionet.cli.common import command
from ionet.cli.context import Context, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.tx import (
    authority_option,
    report,
    require_role,
    send,
    transaction_options,
    tx_options_of,
)

__all__ = ["register_admin_commands", "register_handover_commands"]


class Deployment(Protocol):
    @property
    def program(self) -> Any: ...

    @property
    def config(self) -> Any: ...

    @property
    def names(self) -> dict[Pubkey, str]: ...


def register_admin_commands(group: click.Group, program: str,
                            load: Callable[[Context], Awaitable[Deployment]]) -> None:
    """Adds ``pause``, ``unpause`` and ``admin propose | accept`` for ``program`` to
    ``group``."""
    path = f"ionet {group.name}"
    role = f"admin of {program}"

    def pause_command(name: str, paused: bool) -> None:
        @command(group, name)
        @authority_option
        @transaction_options
        async def run(ctx: Context, authority: str | None, **kwargs: Any) -> None:
            opts = tx_options_of(kwargs)
            deployment = await load(ctx)
            signer = ctx.signer_arg(authority, "admin")
            require_role(signer, deployment.config.admin, role)
            if deployment.config.paused == paused:
                raise CliError(f"{program} is {'paused' if paused else 'running'} already")
            outcome = await send(ctx, opts, [deployment.program.set_paused(signer.pubkey,
                                                                           paused)],
                                 [signer], names=deployment.names)
            report(ctx, outcome, f"{'Paused' if paused else 'Resumed'} {program}",
                   {"paused": paused})

        run.help = (f"{'Pause' if paused else 'Resume'} {program} (signed by its admin).\n\n"
                    f"\b\nExample:\n  {path} {name} --authority admin.json")

    pause_command("pause", True)
    pause_command("unpause", False)
    register_handover_commands(group, program, load, path)


def register_handover_commands(group: click.Group, program: str,
                               load: Callable[[Context], Awaitable[Deployment]],
                               path: str) -> None:
    """Adds ``admin propose | accept`` (the two-step admin handover) for ``program`` to
    ``group``; ``path`` is how the examples call ``group``."""
    role = f"admin of {program}"

    @group.group("admin")
    def admin_group() -> None:
        """Hand the admin role over, in two steps."""

    @command(admin_group, "propose")
    @click.argument("new_admin")
    @authority_option
    @transaction_options
    async def admin_propose(ctx: Context, new_admin: str, authority: str | None,
                            **kwargs: Any) -> None:
        opts = tx_options_of(kwargs)
        deployment = await load(ctx)
        signer = ctx.signer_arg(authority, "admin")
        require_role(signer, deployment.config.admin, role)
        proposed = parse_pubkey(new_admin, "NEW_ADMIN")
        outcome = await send(ctx, opts, [deployment.program.propose_admin(signer.pubkey,
                                                                          proposed)],
                             [signer], names=deployment.names)
        report(ctx, outcome, f"Proposed {proposed} as admin of {program}",
               {"pendingAdmin": str(proposed)})

    admin_propose.help = (f"Propose NEW_ADMIN (a wallet or a multisig) as {role}; it takes "
                          f"over once it accepts.\n\n\b\nExample:\n  {path} admin propose "
                          "SquadsVault... --authority admin.json")

    @command(admin_group, "accept")
    @authority_option
    @transaction_options
    async def admin_accept(ctx: Context, authority: str | None, **kwargs: Any) -> None:
        opts = tx_options_of(kwargs)
        deployment = await load(ctx)
        signer = ctx.signer_arg(authority, "proposed admin")
        pending = deployment.config.pending_admin
        if pending == Pubkey.default():
            raise CliError(f"no admin of {program} has been proposed")
        require_role(signer, pending, f"proposed admin of {program}")
        outcome = await send(ctx, opts, [deployment.program.accept_admin(signer.pubkey)],
                             [signer], names=deployment.names)
        report(ctx, outcome, f"{signer.pubkey} is now the {role}",
               {"admin": str(signer.pubkey)})

    admin_accept.help = (f"Accept the role of {role} (signed by the proposed admin).\n\n"
                         f"\b\nExample:\n  {path} admin accept -k new-admin.json")
