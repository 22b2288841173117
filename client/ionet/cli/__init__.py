"""The ``ionet`` command.

One module per command group, each with a ``register(cli)`` that adds its commands:
:mod:`ionet.cli.staking` (nodes and stake), :mod:`ionet.cli.rewards`,
:mod:`ionet.cli.staking_admin`, :mod:`ionet.cli.escrow` (escrows),
:mod:`ionet.cli.escrow_admin` (io_escrow's init, pause, admin, payment mints and fees),
:mod:`ionet.cli.slashing` (slashes, reporters, and io_slashing's init, pause and admin),
:mod:`ionet.cli.deploy`, :mod:`ionet.cli.app` (the Actions server and staking page),
:mod:`ionet.cli.coordinator` (the settlement service).
``ionet localnet`` keeps its own (argparse) options, see :mod:`ionet.localnet.cli`.

Conventions (the Solana CLI's) are in :mod:`ionet.cli.context` (cluster, keypairs, program
ids), :mod:`ionet.cli.tx` (signing and sending), :mod:`ionet.cli.units` (amounts,
durations) and :mod:`ionet.cli.output`. Shell completion is click's:
``eval "$(_IONET_COMPLETE=bash_source ionet)"`` (``zsh_source``, ``fish_source``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import click

from ionet.cli import (
    app,
    coordinator,
    deploy,
    escrow,
    escrow_admin,
    rewards,
    slashing,
    staking,
    staking_admin,
)
from ionet.cli.common import command, global_options
from ionet.cli.context import Context
from ionet.cli.errors import CliError
from ionet.cli.output import emit

__all__ = ["COMMAND_GROUPS", "cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"],
                               "max_content_width": 100})
@click.version_option(package_name="ionet", prog_name="ionet")
@global_options
@click.pass_context
def cli(click_ctx: click.Context, **options: Any) -> None:
    """ionet: staking, compute escrows and slashing on Solana, the Solana CLI's way.

    Every command takes -u/--url, -k/--keypair, --commitment, --output json|json-compact
    and -v (before or after the command's name); commands that write also take
    --fee-payer, --sign-only/--blockhash/--signer, --dump-transaction,
    --print-instructions and --with-compute-unit-price.

    \b
    Example:
      ionet node register 0b3c5a52-1f0e-4c43-9a1e-6d2b0c8f7e11 8 --multiplier 10 -u devnet
    """
    click_ctx.obj = options


@cli.command("localnet", add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
             short_help="run a local Solana JSON-RPC node (LiteSVM) with our programs")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def localnet(args: tuple[str, ...]) -> int:
    """A Solana JSON-RPC + WebSocket node over the Agave runtime (LiteSVM), with the
    Anchor.toml programs deployed through the upgradeable loader."""
    from ionet.localnet.cli import make_parser, run

    return int(run(make_parser().parse_args(list(args))) or 0)


@command(cli, "blockhash")
async def blockhash(ctx: Context) -> None:
    """Print the cluster's latest blockhash (for --sign-only --blockhash).

    \b
    Example:
      ionet blockhash -u devnet
    """
    value = (await ctx.client.get_latest_blockhash(ctx.commitment)).value
    data = {"blockhash": str(value.blockhash),
            "lastValidBlockHeight": value.last_valid_block_height}
    emit(ctx.output, data, lambda console: console.print(data["blockhash"], markup=False))


COMMAND_GROUPS: list[Callable[[click.Group], None]] = [
    staking.register,
    rewards.register,
    staking_admin.register,
    escrow.register,
    escrow_admin.register,
    slashing.register,
    deploy.register,
    app.register,
    coordinator.register,
]
for _register in COMMAND_GROUPS:
    _register(cli)


_NEGATIVE = re.compile(r"-[0-9][0-9_.]*")


def _usage_message(exc: click.UsageError) -> str:
    # Click reads "-1" as an unknown option; every number a command takes is positive.
    if isinstance(exc, click.NoSuchOption) and _NEGATIVE.fullmatch(exc.option_name):
        return f"{exc.option_name} is negative: amounts and numbers here are more than zero"
    return exc.format_message()


def main(argv: list[str] | None = None) -> int:
    """The console script: one line on stderr and a non-zero exit for every failure."""
    try:
        result: Any = cli.main(args=argv, prog_name="ionet", standalone_mode=False)
    except CliError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            return 130
        print("error: aborted", file=sys.stderr)
        return 1
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "ionet"
        print(f"error: {_usage_message(exc)} (see `{where} --help`)", file=sys.stderr)
        return exc.exit_code
    except click.ClickException as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
