"""``ionet coordinator run | status | reconcile``: the settlement service of io_escrow.

``run`` ingests usage records (a spool directory, an HTTP endpoint) into a journal and
settles them on-chain exactly once; ``status`` shows the journal's backlog per node, what
is in flight and what failed; ``reconcile`` resolves the journaled transactions whose
outcome is unknown (``run`` does it on start). See :mod:`ionet.coordinator`.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import click

from ionet.cli.common import command
from ionet.cli.context import Context, read_keypair_file
from ionet.cli.errors import CliError
from ionet.cli.output import emit, key_values

__all__ = ["register"]


class _JsonLines(logging.Formatter):
    """Structured logs: one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"ts": round(record.created, 3), "level": record.levelname.lower(),
                           "msg": record.getMessage()})


def _logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonLines())
    logger = logging.getLogger("ionet.coordinator")
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False


def _journal(url: str) -> Any:
    from ionet.coordinator.journal import open_journal

    try:
        return open_journal(url)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CliError(f"cannot open the journal {url}: {first}") from None


def _bind(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise CliError(f"--http {text!r}: expected HOST:PORT, e.g. 127.0.0.1:8787")
    return host.strip("[]"), int(port)


def _secret(path: str | None) -> bytes:
    if path is None:
        raise CliError("--http needs --auth-token-file (the bearer token / HMAC secret)")
    try:
        secret = Path(path).expanduser().read_bytes().strip()
    except OSError as exc:
        raise CliError(f"--auth-token-file {path}: {exc.strerror}") from None
    if len(secret) < 16:
        raise CliError(f"--auth-token-file {path}: the token must have at least 16 bytes")
    return secret


def _priority_fee(text: str) -> int | None:
    if text == "auto":
        return None
    if not text.isdigit():
        raise CliError(f"--priority-fee {text!r}: micro-lamports per compute unit, or auto")
    return int(text)


def register(cli: click.Group) -> None:
    @cli.group("coordinator")
    def group() -> None:
        """The settlement service: usage records in, io_escrow settlements out, exactly
        once."""

    journal_option = click.option(
        "--journal", required=True, metavar="URL",
        help="sqlite:///PATH (embedded) or postgresql://... (shared by several workers)")

    @command(group, "run")
    @journal_option
    @click.option("--spool", type=click.Path(file_okay=False), metavar="DIR",
                  help="take *.jsonl files from DIR (write x.tmp, then rename)")
    @click.option("--http", "http_bind", metavar="HOST:PORT",
                  help="serve POST /v1/usage and GET /metrics (e.g. 127.0.0.1:8787)")
    @click.option("--auth-token-file", metavar="FILE",
                  help="the bearer token, also the HMAC-SHA256 secret of the body")
    @click.option("--until-idle", is_flag=True,
                  help="exit 0 once the spool is drained and every record is settled")
    @click.option("--priority-fee", default="auto", show_default=True,
                  metavar="MICROLAMPORTS|auto",
                  help="compute unit price; auto: the median of recent fees")
    @click.option("--max-batch", type=click.IntRange(1, 255), default=64, show_default=True,
                  help="most escrows per settle_batch (fewer if they do not fit)")
    @click.option("--worker", metavar="NAME",
                  help="this worker's name; workers sharing a journal need distinct ones "
                  "[default: the host name]")
    @click.option("--lease-seconds", type=click.FloatRange(0.5), default=30.0,
                  show_default=True,
                  help="how long an escrow stays with a worker that stopped renewing it")
    @click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]),
                  default="info", show_default=True)
    async def run(ctx: Context, journal: str, spool: str | None, http_bind: str | None,
                  auth_token_file: str | None, until_idle: bool, priority_fee: str,
                  max_batch: int, worker: str | None, lease_seconds: float,
                  log_level: str) -> None:
        """Ingest usage records and settle them on-chain.

        \b
        Example:
          ionet coordinator run -u localnet -k coordinator.json \\
            --journal sqlite:///var/ionet/journal.db --spool /var/ionet/spool \\
            --http 127.0.0.1:8787 --auth-token-file token.txt
        """
        from ionet.coordinator.service import (
            Coordinator,
            CoordinatorConfig,
            NotSettled,
            StartupError,
        )

        if spool is None and http_bind is None and not until_idle:
            raise CliError("nothing to ingest from: give --spool DIR and/or --http HOST:PORT")
        http = _bind(http_bind) if http_bind is not None else None
        secret = _secret(auth_token_file) if http is not None else None
        keypair = read_keypair_file(Path(ctx.keypair_path), "coordinator keypair")
        config = CoordinatorConfig(url=ctx.url, coordinator=keypair,
                                   program_id=ctx.program_id("io_escrow"),
                                   spool=Path(spool) if spool else None, http=http,
                                   secret=secret, until_idle=until_idle,
                                   priority_fee=_priority_fee(priority_fee),
                                   max_batch=max_batch, lease_seconds=lease_seconds)
        if worker:
            config.worker = worker
        if config.spool is not None:
            config.spool.mkdir(parents=True, exist_ok=True)
        _logging(log_level)
        service = Coordinator(config, _journal(journal))
        try:
            await service.run()
        except NotSettled as exc:
            raise CliError(f"not everything could be settled: {exc}") from None
        except StartupError as exc:
            raise CliError(str(exc)) from None
        finally:
            service.journal.close()

    @command(group, "status")
    @journal_option
    async def status(ctx: Context, journal: str) -> None:
        """The backlog per node, the transactions in flight, the failures and why.

        \b
        Example:
          ionet coordinator status --journal sqlite:///var/ionet/journal.db --output json
        """
        opened = _journal(journal)
        try:
            backlog = opened.backlog()
        finally:
            opened.close()
        data = {"totals": backlog.totals, "backlog": backlog.per_node,
                "in_flight": backlog.in_flight, "failed": backlog.failed,
                "at": round(time.time(), 3)}

        def human(console: Any) -> None:
            t = backlog.totals
            key_values(console, [("records", f"{t['records']} ({t['settled_records']} "
                                              f"settled)"),
                                 ("escrows", f"{t['escrows']} ({t['closed_escrows']} closed)")])
            # Lines, not tables: addresses and reasons are never cut at the terminal's width.
            console.print("\nbacklog per node:" if backlog.per_node else "\nbacklog: none")
            for r in backlog.per_node:
                console.print(f"  {r['node']}  {r['escrows']} escrow(s), {r['records']} "
                              f"record(s): {r['seconds']} s + {r['amount']} base units, "
                              f"oldest {r['oldest_age_seconds']:.1f} s", markup=False)
            console.print("\nin flight:" if backlog.in_flight else "\nin flight: none")
            for r in backlog.in_flight:
                console.print(f"  {r['signature']}  {r['escrows']} escrow(s), worker "
                              f"{r['worker']}, {r['age_seconds']:.1f} s", markup=False)
            console.print("\nfailed:" if backlog.failed else "\nfailed: none")
            for r in backlog.failed:
                console.print(f"  {r['escrow']}  {r['unsettled_records']} record(s): "
                              f"{r['reason']}", markup=False)

        emit(ctx.output, data, human)

    @command(group, "reconcile")
    @journal_option
    async def reconcile_command(ctx: Context, journal: str) -> None:
        """Look up every journaled transaction whose outcome is unknown: landed, failed,
        expired (never landed), or still in flight (sent again).

        \b
        Example:
          ionet coordinator reconcile -u localnet -k coordinator.json \\
            --journal sqlite:///var/ionet/journal.db
        """
        from ionet.coordinator.service import Coordinator, CoordinatorConfig

        keypair = read_keypair_file(Path(ctx.keypair_path), "coordinator keypair")
        config = CoordinatorConfig(url=ctx.url, coordinator=keypair,
                                   program_id=ctx.program_id("io_escrow"))
        service = Coordinator(config, _journal(journal))
        try:
            report = await service.reconcile()
        finally:
            service.journal.close()
            await service.chain.close()
        data = report.to_json()

        def human(console: Any) -> None:
            key_values(console, [("landed", len(report.landed)), ("failed", len(report.failed)),
                                 ("expired", len(report.expired)),
                                 ("in flight", len(report.in_flight)),
                                 ("seq mismatches", len(report.seq_mismatches))])

        emit(ctx.output, data, human)
