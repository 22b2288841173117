"""``ionet app``: the Solana Actions server and the staking page (:mod:`ionet.app`)."""

from __future__ import annotations

import socket

import click
import uvicorn

from ionet.cli.common import command
from ionet.cli.context import Context
from ionet.cli.errors import CliError
from ionet.cli.output import stderr

__all__ = ["register"]


def _check_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CliError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def register(cli: click.Group) -> None:
    @command(cli, "app")
    @click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65_535))
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="address to listen on")
    async def app(ctx: Context, port: int, host: str) -> None:
        """Serve Solana Actions (stake, co-stake, unstake, escrow, dispute...) and the
        staking page, for wallets to sign with.

        Actions: /actions.json and /api/actions/<action>/<node or escrow>; the page: /.

        \b
        Example:
          ionet app --url localnet --port 8080
        """
        from ionet.app.chain import Chain
        from ionet.app.server import create_app

        _check_free(host, port)
        chain = await Chain.connect(ctx)
        await chain.staking()  # a cluster without io_staking is told at once, in one line
        shown = f"[{host}]" if ":" in host else host
        stderr().print(f"ionet app: http://{shown}:{port}/ (cluster {ctx.url}, "
                       f"{chain.blockchain_id})", markup=False)
        server = uvicorn.Server(uvicorn.Config(create_app(chain), host=host, port=port,
                                               log_level="warning", lifespan="off"))
        await server.serve()
