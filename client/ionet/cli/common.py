"""The options every command takes and the way a command runs.

:func:`command` turns an ``async def f(ctx: Context, **options)`` into a click command with
the Solana CLI's global options (``-u``, ``-k``, ``-C``, ``--commitment``, ``--output``,
``-v``, ``--program-id``); it runs ``f`` and turns every failure into one line.
"""

from __future__ import annotations

import asyncio
import functools
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

import click
import httpx
from solana.exceptions import SolanaRpcException
from solana.rpc.core import RPCException

from ionet.cli.context import COMMITMENTS, Context
from ionet.cli.errors import CliError
from ionet.cli.output import OUTPUT_FORMATS, stderr

__all__ = ["cluster_error", "command", "global_options"]

AsyncCommand = Callable[..., Awaitable[Any]]


def global_options(func: Any) -> Any:
    options = [
        click.option("-u", "--url", metavar="URL_OR_MONIKER",
                     help="cluster: localnet, devnet, testnet, mainnet-beta (l, d, t, m) or "
                     "a URL [default: the Solana CLI config's json_rpc_url, else localnet]"),
        click.option("-k", "--keypair", metavar="KEYPAIR",
                     help="signer keypair file [default: the Solana CLI config's "
                     "keypair_path, else ~/.config/solana/id.json]"),
        click.option("-C", "--config", "config_file", metavar="PATH",
                     help="Solana CLI config file [default: ~/.config/solana/cli/config.yml]"),
        click.option("--commitment", type=click.Choice(COMMITMENTS),
                     help="commitment level [default: the config's, else confirmed]"),
        click.option("--output", type=click.Choice(OUTPUT_FORMATS),
                     help="machine-readable output instead of text"),
        click.option("-v", "--verbose", is_flag=True,
                     help="show transaction logs (and tracebacks of unexpected errors)"),
        click.option("--program-id", metavar="PUBKEY",
                     help="the program's id [default: Anchor.toml's [programs.<cluster>]]"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def cluster_error(ctx: Context, exc: BaseException) -> CliError:
    cause: BaseException | None = exc
    while cause is not None and cause.__cause__ is not None and \
            not isinstance(cause, httpx.HTTPError):
        cause = cause.__cause__
    reason = str(cause or exc).strip() or type(cause or exc).__name__
    if isinstance(cause, httpx.ConnectError):
        reason = f"nothing answers there ({reason})"
    elif isinstance(cause, httpx.TimeoutException):
        reason = "no answer in time"
    return CliError(f"cannot reach the cluster at {ctx.url}: {reason}")


async def _run(ctx: Context, func: AsyncCommand, kwargs: dict[str, Any]) -> Any:
    try:
        return await func(ctx, **kwargs)
    except (SolanaRpcException, httpx.HTTPError) as exc:
        raise cluster_error(ctx, exc) from None
    except RPCException as exc:
        detail = exc.args[0] if exc.args else exc
        text = getattr(detail, "message", None) or str(detail)
        raise CliError(f"the cluster answered with an error: {text}") from None
    finally:
        await ctx.close()


def command(group: click.Group, name: str, **settings: Any) -> Callable[[AsyncCommand], Any]:
    """Registers ``async def f(ctx, **options)`` as ``group``'s command ``name``."""

    def decorate(func: AsyncCommand) -> Any:
        @functools.wraps(func)
        def wrapper(**kwargs: Any) -> None:
            # Global options may also come before the command (`ionet -u d stake ...`).
            before = click.get_current_context().find_root().obj or {}

            def option(name: str) -> Any:
                value = kwargs.pop(name)
                return before.get(name) if value is None or value is False else value

            ctx = Context(url_option=option("url"), keypair_option=option("keypair"),
                          config_option=option("config_file"),
                          commitment_option=option("commitment"),
                          output=option("output") or "human",
                          verbose=bool(option("verbose")),
                          program_id_option=option("program_id"))
            try:
                asyncio.run(_run(ctx, func, kwargs))
            except CliError as exc:
                if ctx.verbose and exc.logs:
                    console = stderr()
                    for line in exc.logs:
                        console.print(f"  {line}", markup=False)
                raise
            except (click.ClickException, click.exceptions.Exit, click.Abort,
                    KeyboardInterrupt):
                raise
            except Exception as exc:
                if ctx.verbose:
                    traceback.print_exc(file=sys.stderr)
                first = (str(exc).splitlines() or [""])[0]
                raise CliError(f"unexpected error: {type(exc).__name__}: {first} "
                               f"(-v shows the traceback)") from None

        wrapped = global_options(wrapper)
        return group.command(name, **settings)(wrapped)

    return decorate
