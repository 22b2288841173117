"""The coordinator service: ingestion (spool, HTTP) and settlement in one asyncio loop.

Each settlement cycle claims escrows with unsettled records (a lease, so that several
workers on one PostgreSQL journal never settle the same escrow at once), reconciles their
journaled transactions whose outcome is unknown, reads the escrows from the chain, plans
(:mod:`ionet.coordinator.planner`) and sends: the settlements of one node's escrows in
``settle_batch`` transactions as large as fit, a close for each escrow whose final record
arrived. On start, everything pending in the journal is reconciled before anything is
sent. SIGTERM stops after the transaction in flight has its outcome journaled. While the
journal's server is unreachable the service waits it out (the journal reconnects): the
cycle under way is dropped and started again once it is back.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.coordinator.chain import Chain, ChainUnavailable, RpcError
from ionet.coordinator.http import make_app
from ionet.coordinator.journal import Journal, JournalUnavailable, Settlement
from ionet.coordinator.lookup import LookupTables
from ionet.coordinator.metrics import Metrics
from ionet.coordinator.planner import Decision, plan_escrow
from ionet.coordinator.reconcile import ReconcileReport, reconcile, sequence_mismatches
from ionet.coordinator.sender import Sender
from ionet.coordinator.spool import Spool
from ionet.escrow import Escrow, EscrowProgram, opening_slot
from ionet.generated.io_staking.program_id import PROGRAM_ID as STAKING_PROGRAM_ID

__all__ = ["Coordinator", "CoordinatorConfig", "NotSettled", "StartupError"]

log = logging.getLogger("ionet.coordinator")
MAX_BACKOFF = 2.0
"""The longest wait between settlement cycles that make no progress (seconds)."""


class NotSettled(RuntimeError):
    """``--until-idle`` ended with records that cannot be settled (the reasons)."""


class StartupError(RuntimeError):
    """The service cannot start (the HTTP address is taken, ...)."""


def _listen(host: str, port: int) -> socket.socket:
    try:
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host
                                    else socket.AF_INET)
    except OSError as exc:
        raise StartupError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.setblocking(False)
    return sock


@dataclass
class CoordinatorConfig:
    url: str
    coordinator: Keypair
    program_id: Pubkey
    spool: Path | None = None
    http: tuple[str, int] | None = None
    secret: bytes | None = None
    until_idle: bool = False
    worker: str = field(default_factory=socket.gethostname)
    """The lease holder's name: a restarted worker takes its own leases back at once;
    workers sharing a journal need distinct names."""
    claim_limit: int = 256
    lease_seconds: float = 30.0
    poll_seconds: float = 0.1
    priority_fee: int | None = None
    max_batch: int = 64


class _Server(uvicorn.Server):
    """uvicorn, leaving SIGTERM and SIGINT to the coordinator (which stops it)."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@dataclass
class _Group:
    """Settlements of one node's escrows paid to one account: one ``settle_batch``."""

    node: Pubkey
    mint: Pubkey
    payout: Pubkey
    settlements: list[Settlement] = field(default_factory=list)


class Coordinator:
    def __init__(self, config: CoordinatorConfig, journal: Journal,
                 metrics: Metrics | None = None) -> None:
        self.config = config
        self.journal = journal
        self.metrics = metrics or Metrics()
        self.program = EscrowProgram(config.program_id, STAKING_PROGRAM_ID)
        self.stopping = asyncio.Event()
        self.wakeup = asyncio.Event()
        """Set when records are journaled: the settlement loop stops waiting."""
        self.chain = Chain(config.url, stopping=self.stopping, on_retry=lambda method, _exc:
                           self.metrics.rpc_retries.labels(method).inc())
        self.tables = LookupTables(self.chain, journal, config.coordinator, self._submit)
        self.sender = Sender(self.chain, journal, config.coordinator, self.metrics,
                             config.worker, config.priority_fee)
        self.spool = Spool(config.spool, journal, self.metrics, self.program.escrow) \
            if config.spool is not None else None
        self._token_programs: dict[Pubkey, Pubkey] = {}
        self._noted: set[tuple[str, int]] = set()
        """(escrow, opening) whose node and expiry are in the journal."""

    async def _submit(self, instructions: list[Instruction]) -> None:
        await self.sender.submit_plain(instructions)

    # ---- running

    async def run(self) -> None:
        """Until SIGTERM/SIGINT (or, with ``until_idle``, until all is settled)."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.stopping.set)
        server = None
        tasks = [asyncio.create_task(self._ingest_spool())] if self.spool else []
        if self.config.http is not None:
            assert self.config.secret is not None
            app = make_app(self.journal, self.metrics, self.config.secret, self.program.escrow,
                           on_records=self.wakeup.set)
            host, port = self.config.http
            listening = _listen(host, port)
            server = _Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                            lifespan="off"))
            tasks.append(asyncio.create_task(server.serve(sockets=[listening])))
        try:
            await self._start_up()
            await self._settle_loop()
        except ChainUnavailable as exc:
            log.warning("stopped while the cluster was unreachable (%s): what is not "
                        "settled stays in the journal", exc)
        finally:
            self.stopping.set()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(signum)
            if server is not None:
                server.should_exit = True
            await asyncio.gather(*tasks, return_exceptions=True)
            await self.chain.close()

    async def _start_up(self) -> None:
        """Reconciles the journal with the chain and loads the lookup tables, waiting out
        a journal outage."""
        delay = self.config.poll_seconds
        while not self.stopping.is_set():
            try:
                report = await reconcile(self.sender)
                await self.tables.load()
            except JournalUnavailable:
                await self._pause(delay)
                delay = min(delay * 2, MAX_BACKOFF)
                continue
            if report.landed or report.failed or report.expired or report.in_flight:
                log.info("reconciled on start: %s", report.to_json())
            return

    async def reconcile(self) -> ReconcileReport:
        """Resolves every pending transaction, then compares each open escrow's
        ``next_seq`` with the journal's."""
        report = await reconcile(self.sender)
        expected = self.journal.expected_next_seqs(self.journal.open_escrows())
        states = await self._escrows([Pubkey.from_string(e) for e in expected])
        report.seq_mismatches = sequence_mismatches(expected, states)
        return report

    async def _ingest_spool(self) -> None:
        assert self.spool is not None
        while not self.stopping.is_set():
            if self.spool.scan():
                self.wakeup.set()
            try:
                await asyncio.wait_for(self.stopping.wait(), self.config.poll_seconds)
            except TimeoutError:
                pass

    async def _pause(self, seconds: float) -> None:
        """Waits ``seconds``, less if records arrive or the service stops."""
        stop = asyncio.create_task(self.stopping.wait())
        woken = asyncio.create_task(self.wakeup.wait())
        await asyncio.wait([stop, woken], timeout=seconds,
                           return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        woken.cancel()
        self.wakeup.clear()

    def idle(self) -> bool:
        waiting = self.spool.waiting() if self.spool is not None else []
        return not waiting and self.journal.unsettled_count() == 0 and \
            not self.journal.pending_transactions()

    async def _settle_loop(self) -> None:
        failures = 0
        wait = self.config.poll_seconds
        while not self.stopping.is_set():
            try:
                progressed = await self.cycle()
                self.metrics.backlog.set(self.journal.unsettled_count())
                done = self.config.until_idle and not progressed and self.idle()
                failures = 0
            except (RpcError, RuntimeError, OSError) as exc:
                if self.stopping.is_set():
                    break
                # One bad cycle (a refused lookup table extension, a journal hiccup, the
                # journal's server away) must not stop the service: back off and try again.
                failures += 1
                delay = min(2.0**failures * 0.1, MAX_BACKOFF)
                if isinstance(exc, JournalUnavailable):
                    # The journal logged the loss and reconnects; this cycle starts again.
                    self.metrics.failures.labels("journal").inc()
                else:
                    self.metrics.failures.labels("cycle").inc()
                    log.error("settlement cycle failed (%s: %s); again in %.1f s",
                              type(exc).__name__, exc, delay)
                await self._pause(delay)
                continue
            if done:
                failed = self.journal.backlog().failed
                if failed:
                    raise NotSettled("; ".join(f"{f['escrow']}: {f['reason']}"
                                               for f in failed))
                return
            # Nothing to do, or only what keeps failing (a paused program): wait longer
            # each time, up to MAX_BACKOFF; new records cut the wait short.
            wait = self.config.poll_seconds if progressed else min(wait * 2, MAX_BACKOFF)
            if not progressed:
                await self._pause(wait)

    # ---- one cycle

    async def cycle(self) -> bool:
        """Claims, plans and settles once; whether anything was sent or settled."""
        cfg = self.config
        claimed = self.journal.claim(cfg.worker, cfg.claim_limit, cfg.lease_seconds)
        if not claimed:
            return False
        try:
            return await self._settle(claimed)
        finally:
            self.journal.release(cfg.worker, claimed)

    async def _settle(self, claimed: Sequence[str]) -> bool:
        report = await reconcile(self.sender, claimed)
        busy = {s.escrow for tx in self.journal.pending_transactions(claimed)
                for s in tx.settlements}
        ready = [e for e in claimed if e not in busy]
        keys = [Pubkey.from_string(e) for e in ready]
        states = await self._escrows(keys)
        for mismatch in sequence_mismatches(self.journal.expected_next_seqs(ready), states):
            log.warning("seq differs from the journal's: %s", mismatch)
        now = await self.chain.unix_timestamp()
        progressed = bool(report.landed)
        groups: dict[tuple[Pubkey, Pubkey, Pubkey], _Group] = {}
        closes: list[tuple[Settlement, Escrow]] = []
        for key, escrow in zip(keys, ready, strict=True):
            state = states.get(key)
            if state is None:
                if not self.journal.opening_ended(escrow):
                    self.journal.set_failure(escrow, "no open escrow at this address on-chain "
                                             "(never opened, refunded or closed elsewhere)")
                continue
            opening = opening_slot(state)
            self.journal.bind_opening(escrow, opening)
            if (escrow, opening) not in self._noted:
                self.journal.note_escrow(escrow, str(state.node), state.expires_at)
                self._noted.add((escrow, opening))
            decision = plan_escrow(self.journal.usage(escrow, opening), state, now)
            progressed |= self._apply(decision)
            s = decision.settlement
            if s is None:
                continue
            if s.closes:
                closes.append((s, state))
            else:
                group = groups.setdefault((state.node, state.mint, state.payout),
                                          _Group(state.node, state.mint, state.payout))
                group.settlements.append(s)
        await self._token_programs_of({s.mint for _, s in closes} |
                                      {g.mint for g in groups.values()})
        for group in groups.values():
            if self.stopping.is_set():
                break
            progressed |= await self._send_group(group)
        for settlement, state in closes:
            if self.stopping.is_set():
                break
            progressed |= await self._send_close(settlement, state)
        return progressed

    def _apply(self, decision: Decision) -> bool:
        escrow = str(decision.escrow)
        if decision.failure is not None:
            log.warning("escrow %s: %s", escrow, decision.failure)
            self.journal.set_failure(escrow, decision.failure)
        if decision.covered is not None:
            for lag in self.journal.mark_settled(escrow, opening_slot(decision.state),
                                                 decision.covered, False):
                self.metrics.lag.observe(lag)
            return True
        return False

    async def _escrows(self, keys: Sequence[Pubkey]) -> dict[Pubkey, Escrow]:
        found = await self.chain.accounts(keys)
        states = {}
        for key, (owner, data) in found.items():
            if owner == self.program.program_id and data[:8] == Escrow.discriminator:
                states[key] = Escrow.decode(data)
        return states

    async def _token_programs_of(self, mints: set[Pubkey]) -> None:
        unknown = [m for m in mints if m not in self._token_programs]
        for mint, (owner, _data) in (await self.chain.accounts(unknown)).items():
            self._token_programs[mint] = owner

    def _common(self, mint: Pubkey) -> list[Pubkey]:
        return [self.program.config, self.program.payment_mint(mint), self.program.vault(mint),
                mint, self._token_programs[mint]]

    def _batch(self, group: _Group, settlements: Sequence[Settlement]) -> Instruction:
        return self.program.settle_batch(
            self.config.coordinator.pubkey(), group.node, group.payout, group.mint,
            [(Pubkey.from_string(s.escrow), s.amount, s.seq) for s in settlements],
            self._token_programs[group.mint])

    async def _send_group(self, group: _Group) -> bool:
        addresses = [*self._common(group.mint), group.node, group.payout]
        escrows = [Pubkey.from_string(s.escrow) for s in group.settlements]
        blockhash, _ = await self.chain.latest_blockhash()
        first = group.settlements[:self.config.max_batch]
        tables = self.tables.covering([*addresses, *escrows])
        if not self.sender.fits([self._batch(group, first)], tables, blockhash):
            # Too many escrows for one transaction as it is: put them in a lookup table.
            tables = await self.tables.ensure([*addresses, *escrows])
        progressed = False
        pending = list(group.settlements)
        while pending and not self.stopping.is_set():
            count = min(len(pending), self.config.max_batch)
            while count > 1 and not self.sender.fits([self._batch(group, pending[:count])],
                                                     tables, blockhash):
                count -= 1
            chunk, pending = pending[:count], pending[count:]
            if not self._still_held(chunk):
                continue
            state = await self.sender.settle(
                [self._batch(group, chunk)], chunk,
                [*addresses, *(Pubkey.from_string(s.escrow) for s in chunk)], tables)
            progressed |= state == "landed"
        return progressed

    async def _send_close(self, settlement: Settlement, state: Escrow) -> bool:
        token_program = self._token_programs[state.mint]
        escrow = Pubkey.from_string(settlement.escrow)
        ix = self.program.close_escrow(self.config.coordinator.pubkey(), escrow,
                                       state.customer, state.payout, state.mint,
                                       settlement.amount, settlement.seq, token_program)
        addresses = [*self._common(state.mint), state.payout, escrow, state.customer,
                     self.program.token_account(state.customer, state.mint, token_program)]
        if not self._still_held([settlement]):
            return False
        tables = self.tables.covering(addresses)
        return await self.sender.settle([ix], [settlement], addresses, tables) == "landed"

    def _still_held(self, settlements: Sequence[Settlement]) -> bool:
        """Renews the leases of a transaction's escrows; False if one was lost (another
        worker took it over: it settles it)."""
        escrows = [s.escrow for s in settlements]
        held = self.journal.renew(self.config.worker, escrows, self.config.lease_seconds)
        if len(held) < len(escrows):
            log.warning("lease lost on %d escrow(s); another worker settles them",
                        len(escrows) - len(held))
            return False
        return True
