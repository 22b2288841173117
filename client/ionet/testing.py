"""Test harness: a cluster to run the programs' integration tests against.

``TestCluster`` wraps a JSON-RPC endpoint with solana-py's ``AsyncClient`` and anchorpy's
``Provider``. Three backends (see ``tests/conftest.py``, fixture ``cluster``):

* ``http`` (default): ``ionet localnet`` in a subprocess on free loopback ports, started
  once per test session; every test talks to it over HTTP like any client would.
* ``inprocess``: the same validator in this process; requests go through ``handle`` by an
  httpx transport, no sockets (faster; no WebSocket).
* ``external``: any cluster (``--cluster-url URL`` or ``IONET_CLUSTER_URL``); the wallet is
  ``IONET_WALLET``/``ANCHOR_WALLET``/``~/.config/solana/id.json``, the program ids those of
  ``Anchor.toml``. Time cannot be warped there: ``advance_time`` waits it out.

Tests share one ledger, so each test should use fresh keypairs (``new_funded_keypair``)
rather than assume an empty chain.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, Protocol

import httpx
from anchorpy import Provider, Wallet
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.account import Account
from solders.address_lookup_table_account import (
    AddressLookupTableAccount,
    derive_lookup_table_address,
)
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.system_program import CreateAccountParams, TransferParams, create_account, transfer
from solders.token import ID as TOKEN_PROGRAM_ID
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_status import (
    InstructionErrorCustom,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)
from spl.token import instructions as spl_token

__all__ = [
    "LocalnetProcess",
    "ProgramErrorSpec",
    "SendFailed",
    "SentTransaction",
    "TestCluster",
    "anchor_error_lines",
    "assert_program_error",
    "connect_external",
    "connect_http",
    "connect_inprocess",
    "start_localnet_process",
]

LAMPORTS_PER_SOL = 1_000_000_000
ALT_PROGRAM_ID = Pubkey.from_string("AddressLookupTab1e1111111111111111111111111")
_OPTS = TxOpts(skip_confirmation=True, skip_preflight=False, preflight_commitment=Confirmed)
_PROGRAM_DATA = "Program data: "


@dataclass
class SentTransaction:
    """A transaction that landed successfully."""

    signature: Signature
    slot: int
    compute_units: int
    logs: list[str]
    fee: int = 0
    return_data: bytes | None = None

    @property
    def log_messages(self) -> list[str]:
        return self.logs

    @property
    def events(self) -> list[bytes]:
        """Payloads of the ``Program data:`` lines (Anchor events: 8-byte discriminator +
        Borsh fields), in order."""
        return [base64.b64decode(line[len(_PROGRAM_DATA):]) for line in self.logs
                if line.startswith(_PROGRAM_DATA)]


class SendFailed(Exception):
    """A transaction failed (in preflight, or on chain).

    ``code`` is the custom program error number (Anchor: 6000+ ours, 2000-3999 its own)
    when the failure is ``InstructionError(_, Custom(code))``; ``instruction_index`` names
    the failing instruction; ``logs`` are the program logs; ``error`` the solders error
    (or its JSON form); ``rpc_error`` the solana-py exception when it came from preflight.
    """

    def __init__(self, message: str, *, logs: Sequence[str] = (), code: int | None = None,
                 instruction_index: int | None = None, error: Any = None,
                 signature: Signature | None = None, rpc_error: Exception | None = None
                 ) -> None:
        self.logs = list(logs)
        self.code = code
        self.instruction_index = instruction_index
        self.error = error
        self.signature = signature
        self.rpc_error = rpc_error
        text = message + "".join(f"\n  {line}" for line in self.logs)
        super().__init__(text)


def _error_code(err: Any) -> tuple[int | None, int | None]:
    """(instruction index, custom code) of a solders error or its JSON form."""
    if isinstance(err, TransactionErrorInstructionError):
        inner = err.err
        return err.index, inner.code if isinstance(inner, InstructionErrorCustom) else None
    if isinstance(err, dict) and "InstructionError" in err:
        index, inner = err["InstructionError"]
        code = inner.get("Custom") if isinstance(inner, dict) else None
        return index, code
    return None, None


class ProgramErrorSpec(Protocol):
    """An error as anchorpy's generated error classes describe it (``errors.custom.X``,
    ``errors.anchor.X``): code, name, message."""

    code: int
    name: str
    msg: str


# Anchor's own messages where anchorpy 0.21's table (``errors/anchor.py``) words them
# differently; Anchor (lang/src/error.rs, and @coral-xyz/anchor-errors) logs these.
ANCHOR_MESSAGES: dict[int, str] = {2001: "A has one constraint was violated"}

_ANCHOR_ERROR = re.compile(
    r"^Program log: AnchorError (?:occurred|caused by account: (?P<account>\S+))\. "
    r"Error Code: (?P<name>[^.]+)\. Error Number: (?P<code>\d+)\. "
    r"Error Message: (?P<msg>.*)\.$")


def anchor_error_lines(logs: Sequence[str]) -> list[tuple[str, int, str, str | None]]:
    """(name, number, message, account) of every Anchor error line in ``logs``."""
    found = []
    for line in logs:
        m = _ANCHOR_ERROR.match(line)
        if m:
            found.append((m["name"], int(m["code"]), m["msg"], m["account"]))
    return found


def assert_program_error(failure: SendFailed, error: ProgramErrorSpec, *, index: int,
                         program_id: Pubkey | None = None,
                         account: str | None = None) -> None:
    """Asserts that ``failure`` is exactly ``error``: instruction ``index`` failed with
    ``Custom(error.code)``, the program logged Anchor's error line with that name, number
    and message (``AnchorError occurred. Error Code: <name>. Error Number: <n>. Error
    Message: <msg>.``, or ``caused by account: <account>``), it is the only error line, and
    (with ``program_id``) the failing program is that one."""
    described = f"{error.name} ({error.code}) at instruction {index}"
    assert failure.instruction_index == index and failure.code == error.code, \
        f"expected {described}, got Custom({failure.code}) at instruction " \
        f"{failure.instruction_index}: {failure}"
    lines = anchor_error_lines(failure.logs)
    assert len(lines) == 1, f"expected one Anchor error line for {described}, got " \
        f"{lines}: {failure}"
    name, code, message, logged_account = lines[0]
    expected = ANCHOR_MESSAGES.get(error.code, error.msg) if error.code < 6000 else error.msg
    assert (name, code, message) == (error.name, error.code, expected), \
        f"expected {described} '{expected}', the log says {name} ({code}) '{message}'"
    if account is not None:
        assert logged_account == account, \
            f"expected the error to name account {account}, it names {logged_account}"
    if program_id is not None:
        failed = f"Program {program_id} failed: custom program error: {error.code:#x}"
        assert failed in failure.logs, f"expected '{failed}' in the logs: {failure}"


class _InProcessTransport(httpx.AsyncBaseTransport):
    """httpx transport answering with a validator's ``handle_bytes`` (no sockets)."""

    def __init__(self, validator: Any) -> None:
        self.validator = validator

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        from ionet.localnet.rpc_methods import handle_bytes

        if request.method == "GET":
            return httpx.Response(200, content=b"ok")
        body = await request.aread()
        answer = handle_bytes(self.validator, body)
        return httpx.Response(200, content=answer or b"",
                              headers={"content-type": "application/json"})


@dataclass
class TestCluster:
    """A cluster with a funded wallet; see the module docstring."""

    __test__ = False  # not a pytest test class

    client: AsyncClient
    provider: Provider
    wallet: Keypair
    program_ids: dict[str, Pubkey]
    backend: str
    rpc_url: str
    ws_url: str | None = None
    can_warp: bool = True
    validator: Any = None
    """The in-process ``Validator`` (``inprocess`` backend only), else None."""
    frozen: bool = False
    """Whether this connection froze the cluster clock (``set_time``)."""
    _sent: set[Signature] = field(default_factory=set)
    _cached_blockhash: tuple[Hash, float] | None = None

    # ------------------------------------------------------------- basics

    async def close(self) -> None:
        await self.client.close()

    async def rpc(self, method: str, *params: Any) -> Any:
        """A raw JSON-RPC call; returns ``result`` or raises ``RuntimeError``."""
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
        raw = await self.client._provider.session.post(
            self.rpc_url, content=body, headers={"content-type": "application/json"})
        doc = raw.json()
        if "error" in doc:
            raise RuntimeError(f"{method}: {doc['error']}")
        return doc["result"]

    async def balance(self, pubkey: Pubkey) -> int:
        return (await self.client.get_balance(pubkey, commitment=Confirmed)).value

    async def account(self, pubkey: Pubkey) -> Account | None:
        return (await self.client.get_account_info(pubkey, commitment=Confirmed)).value

    async def slot(self) -> int:
        return (await self.client.get_slot(commitment=Confirmed)).value

    async def unix_timestamp(self) -> int:
        """The Clock sysvar's ``unix_timestamp`` (what programs see)."""
        clock = await self.account(Pubkey.from_string(
            "SysvarC1ock11111111111111111111111111111111"))
        assert clock is not None
        return int.from_bytes(bytes(clock.data)[32:40], "little", signed=True)

    # ------------------------------------------------------------ funding

    async def airdrop(self, pubkey: Pubkey, lamports: int) -> Signature:
        """Give ``pubkey`` lamports: the faucet locally, a wallet transfer elsewhere."""
        if self.backend == "external":
            sent = await self.send(
                [transfer(TransferParams(from_pubkey=self.wallet.pubkey(), to_pubkey=pubkey,
                                         lamports=lamports))], [])
            return sent.signature
        signature = (await self.client.request_airdrop(pubkey, lamports,
                                                       commitment=Confirmed)).value
        await self._confirm(signature)
        return signature

    async def new_funded_keypair(self, lamports: int = 10 * LAMPORTS_PER_SOL) -> Keypair:
        keypair = Keypair()
        await self.airdrop(keypair.pubkey(), lamports)
        return keypair

    # ------------------------------------------------------------- tokens

    async def create_mint(self, decimals: int = 6, authority: Pubkey | None = None, *,
                          freeze_authority: Pubkey | None = None,
                          program_id: Pubkey = TOKEN_PROGRAM_ID,
                          payer: Keypair | None = None) -> Pubkey:
        """A new SPL Token (or Token-2022, by ``program_id``) mint; authority: the wallet."""
        fee_payer = payer or self.wallet
        mint = Keypair()
        rent = (await self.client.get_minimum_balance_for_rent_exemption(82)).value
        await self.send([
            create_account(CreateAccountParams(from_pubkey=fee_payer.pubkey(),
                                               to_pubkey=mint.pubkey(), lamports=rent,
                                               space=82, owner=program_id)),
            spl_token.initialize_mint(spl_token.InitializeMintParams(
                decimals=decimals, program_id=program_id, mint=mint.pubkey(),
                mint_authority=authority or self.wallet.pubkey(),
                freeze_authority=freeze_authority)),
        ], [mint], payer=fee_payer)
        return mint.pubkey()

    async def create_token_account(self, mint: Pubkey, owner: Pubkey, *,
                                   program_id: Pubkey = TOKEN_PROGRAM_ID,
                                   payer: Keypair | None = None) -> Pubkey:
        """A new (non-associated) token account of ``mint`` owned by ``owner``."""
        fee_payer = payer or self.wallet
        account = Keypair()
        rent = (await self.client.get_minimum_balance_for_rent_exemption(165)).value
        await self.send([
            create_account(CreateAccountParams(from_pubkey=fee_payer.pubkey(),
                                               to_pubkey=account.pubkey(), lamports=rent,
                                               space=165, owner=program_id)),
            spl_token.initialize_account(spl_token.InitializeAccountParams(
                program_id=program_id, account=account.pubkey(), mint=mint, owner=owner)),
        ], [account], payer=fee_payer)
        return account.pubkey()

    async def mint_to(self, mint: Pubkey, dest: Pubkey, amount: int, *,
                      authority: Keypair | None = None,
                      program_id: Pubkey = TOKEN_PROGRAM_ID) -> SentTransaction:
        """Mint ``amount`` base units to the token account ``dest`` (authority: wallet)."""
        signer = authority or self.wallet
        return await self.send([spl_token.mint_to(spl_token.MintToParams(
            program_id=program_id, mint=mint, dest=dest, mint_authority=signer.pubkey(),
            amount=amount))], [signer])

    async def token_balance(self, account: Pubkey) -> int:
        return int((await self.client.get_token_account_balance(account, Confirmed)
                    ).value.amount)

    # ------------------------------------------------------ lookup tables

    async def create_lookup_table(self, addresses: Sequence[Pubkey], *,
                                  authority: Keypair | None = None
                                  ) -> AddressLookupTableAccount:
        """A new address lookup table holding ``addresses``, usable at once (on a local
        cluster the slot is advanced; elsewhere this waits for the next slot)."""
        owner = authority or self.wallet
        slot = await self.slot()
        table, bump = derive_lookup_table_address(owner.pubkey(), slot)
        system = Pubkey.from_string("11111111111111111111111111111111")
        create = Instruction(ALT_PROGRAM_ID, struct.pack("<IQB", 0, slot, bump), [
            AccountMeta(table, False, True), AccountMeta(owner.pubkey(), True, False),
            AccountMeta(self.wallet.pubkey(), True, True), AccountMeta(system, False, False)])
        extends = []
        for start in range(0, len(addresses), 20):
            chunk = addresses[start:start + 20]
            data = struct.pack("<IQ", 2, len(chunk)) + b"".join(bytes(a) for a in chunk)
            extends.append(Instruction(ALT_PROGRAM_ID, data, [
                AccountMeta(table, False, True), AccountMeta(owner.pubkey(), True, False),
                AccountMeta(self.wallet.pubkey(), True, True),
                AccountMeta(system, False, False)]))
        await self.send([create, *extends[:1]], [owner])
        for ix in extends[1:]:
            await self.send([ix], [owner])
        # Addresses added in a slot can be looked up from the next slot on.
        if self.can_warp:
            await self.advance_time(0, slots=1)
        else:
            current = await self.slot()
            while await self.slot() <= current:
                await asyncio.sleep(0.1)
        return AddressLookupTableAccount(table, list(addresses))

    # --------------------------------------------------------------- time

    async def advance_time(self, seconds: float, slots: int | None = None, *,
                           freeze: bool | None = None) -> None:
        """Move the cluster clock ``seconds`` forward (``ionet_advanceClock``); on an
        external cluster, wait until its Clock sysvar has moved that far. A clock frozen
        by ``set_time`` stays frozen (at the later time) unless ``freeze`` is False."""
        if self.can_warp:
            keep = self.frozen if freeze is None else freeze
            arg: dict[str, Any] = {"seconds": seconds, "freeze": keep}
            if slots is not None:
                arg["slots"] = slots
            await self.rpc("ionet_advanceClock", arg)
            self._cached_blockhash = None
            self.frozen = keep
            return
        target = await self.unix_timestamp() + seconds
        while await self.unix_timestamp() < target:
            await asyncio.sleep(0.4)

    async def set_time(self, unix_timestamp: int, *, freeze: bool = True) -> None:
        """Move the Clock's ``unix_timestamp`` to exactly ``unix_timestamp`` (not before
        the current time) and, with ``freeze``, keep it there (slots still tick; the
        ``cluster`` fixture unfreezes it after the test) until ``unfreeze``, so that the
        next transactions run at that very second; ``advance_time`` moves a frozen clock
        and keeps it frozen. Local clusters only: real time cannot be set."""
        if not self.can_warp:
            raise RuntimeError("set_time needs a local cluster (ionet_advanceClock); an "
                               "external cluster's clock cannot be set")
        await self.rpc("ionet_advanceClock", {"unixTimestamp": unix_timestamp,
                                              "freeze": freeze})
        self._cached_blockhash = None
        self.frozen = freeze

    async def unfreeze(self) -> None:
        """Let a clock frozen by ``set_time`` follow wall time again (one slot later)."""
        if self.frozen:
            await self.advance_time(0, slots=1, freeze=False)

    # ------------------------------------------------------- transactions

    async def _build(self, instructions: Sequence[Instruction], signers: Sequence[Keypair],
                     payer: Keypair | None,
                     lookup_tables: Sequence[AddressLookupTableAccount] | None = None
                     ) -> Transaction | VersionedTransaction:
        fee_payer = payer or self.wallet
        keys: dict[Pubkey, Keypair] = {fee_payer.pubkey(): fee_payer}
        for signer in signers:
            keys.setdefault(signer.pubkey(), signer)
        for attempt in range(50):
            blockhash = await self._blockhash()
            tx: Transaction | VersionedTransaction
            if lookup_tables is None:
                message: Message | MessageV0 = Message.new_with_blockhash(
                    list(instructions), fee_payer.pubkey(), blockhash)
            else:
                message = MessageV0.try_compile(fee_payer.pubkey(), list(instructions),
                                                list(lookup_tables), blockhash)
            # Sign with the keys the message needs; keys it does not need are ignored.
            needed = message.account_keys[: message.header.num_required_signatures]
            missing = [str(k) for k in needed if k not in keys]
            if missing:
                raise ValueError(f"no keypair given for the signer(s) {', '.join(missing)}")
            chosen = [keys[k] for k in needed]
            if isinstance(message, Message):
                tx = Transaction(chosen, message, blockhash)
            else:
                tx = VersionedTransaction(message, chosen)
            if tx.signatures[0] not in self._sent:
                return tx
            # The same transaction with the same blockhash would be a duplicate.
            self._cached_blockhash = None
            if self.can_warp:
                await self.rpc("ionet_advanceClock",
                               {"seconds": 0, "slots": 1, "freeze": self.frozen})
            else:
                await asyncio.sleep(0.1 * (attempt + 1))
        raise RuntimeError("could not get a fresh blockhash")

    async def _blockhash(self) -> Hash:
        """The latest blockhash; locally reused for up to a second (one round trip less)."""
        now = time.monotonic()
        cached = self._cached_blockhash
        if cached is not None and self.backend != "external" and now - cached[1] < 1.0:
            return cached[0]
        blockhash = (await self.client.get_latest_blockhash(Confirmed)).value.blockhash
        self._cached_blockhash = (blockhash, now)
        return blockhash

    async def send(self, instructions: Sequence[Instruction], signers: Sequence[Keypair] = (),
                   *, payer: Keypair | None = None,
                   lookup_tables: Sequence[AddressLookupTableAccount] | None = None
                   ) -> SentTransaction:
        """Sign (payer: ``payer`` or the wallet, plus ``signers``), send through
        anchorpy's ``Provider`` with preflight, wait for confirmation; raise ``SendFailed``
        carrying ``.code`` and ``.logs``. With ``lookup_tables`` (possibly empty) the
        transaction is a v0 one."""
        for attempt in range(2):
            tx = await self._build(instructions, signers, payer, lookup_tables)
            self._sent.add(tx.signatures[0])
            try:
                signature = await self.provider.send(tx, _OPTS)  # anchorpy's Provider
                return await self._confirm(signature)
            except RPCException as exc:
                detail = exc.args[0] if exc.args else None
                stale = isinstance(detail, SendTransactionPreflightFailureMessage) and \
                    detail.data.err == TransactionErrorFieldless.BlockhashNotFound
                if stale and attempt == 0:
                    self._cached_blockhash = None  # the clock moved on: sign again
                    continue
                self._raise(tx, exc)
        raise AssertionError("unreachable")

    async def send_signed(self, tx: Transaction) -> SentTransaction:
        """Send a transaction signed elsewhere (by a wallet), with preflight, and wait for
        it; ``SendFailed`` as ``send``."""
        try:
            signature = await self.provider.send(tx, _OPTS)
        except RPCException as exc:
            self._raise(tx, exc)
        return await self._confirm(signature)

    @staticmethod
    def _raise(tx: Transaction | VersionedTransaction, exc: RPCException) -> NoReturn:
        detail = exc.args[0] if exc.args else None
        if isinstance(detail, SendTransactionPreflightFailureMessage):
            index, code = _error_code(detail.data.err)
            raise SendFailed(detail.message, logs=detail.data.logs or [], code=code,
                             instruction_index=index, error=detail.data.err,
                             signature=tx.signatures[0], rpc_error=exc) from exc
        raise SendFailed(str(exc), signature=tx.signatures[0], rpc_error=exc) from exc

    async def simulate(self, instructions: Sequence[Instruction],
                       signers: Sequence[Keypair] = (), *, payer: Keypair | None = None,
                       lookup_tables: Sequence[AddressLookupTableAccount] | None = None
                       ) -> SentTransaction:
        """Run without landing; raise ``SendFailed`` as ``send`` would."""
        tx = await self._build(instructions, signers, payer, lookup_tables)
        value = (await self.client.simulate_transaction(tx, sig_verify=True,
                                                        commitment=Confirmed)).value
        logs = list(value.logs or [])
        if value.err is not None:
            index, code = _error_code(value.err)
            raise SendFailed(f"simulation failed: {value.err}", logs=logs, code=code,
                             instruction_index=index, error=value.err)
        data = bytes(value.return_data.data) if value.return_data is not None else None
        return SentTransaction(tx.signatures[0], 0, value.units_consumed or 0, logs,
                               return_data=data)

    async def _confirm(self, signature: Signature, timeout: float = 60.0) -> SentTransaction:
        deadline = time.monotonic() + timeout
        while self.backend == "external":
            status = (await self.client.get_signature_statuses([signature])).value[0]
            if status is not None and status.confirmation_status is not None and \
                    int(status.confirmation_status) >= 1:
                break
            if time.monotonic() > deadline:
                raise SendFailed(f"{signature} not confirmed within {timeout} s",
                                 signature=signature)
            await asyncio.sleep(0.4)
        # Locally a transaction is final when sendTransaction answers.
        raw = await self.rpc("getTransaction", str(signature),
                             {"commitment": "confirmed", "encoding": "base64",
                              "maxSupportedTransactionVersion": 0})
        if raw is None:
            raise SendFailed(f"{signature} was not found after it was sent",
                             signature=signature)
        meta = raw["meta"]
        logs = meta.get("logMessages") or []
        if meta["err"] is not None:
            index, code = _error_code(meta["err"])
            raise SendFailed(f"transaction failed: {meta['err']}", logs=logs, code=code,
                             instruction_index=index, error=meta["err"], signature=signature)
        rd = meta.get("returnData")
        return SentTransaction(
            signature=signature,
            slot=raw["slot"],
            compute_units=meta.get("computeUnitsConsumed") or 0,
            logs=logs,
            fee=meta["fee"],
            return_data=base64.b64decode(rd["data"][0]) if rd else None,
        )


# ------------------------------------------------------------------ backends


def _make(client: AsyncClient, wallet: Keypair, program_ids: dict[str, Pubkey],
          backend: str, rpc_url: str, ws_url: str | None, can_warp: bool,
          validator: Any = None) -> TestCluster:
    provider = Provider(client, Wallet(wallet),
                        TxOpts(skip_confirmation=False, preflight_commitment=Confirmed))
    return TestCluster(client, provider, wallet, program_ids, backend, rpc_url, ws_url,
                       can_warp, validator)


def connect_inprocess(validator: Any) -> TestCluster:
    """A ``TestCluster`` over an in-process ``Validator`` (no sockets)."""
    url = "http://inprocess.localnet"
    client = AsyncClient(url, commitment=Confirmed)
    client._provider.session = httpx.AsyncClient(
        transport=_InProcessTransport(validator), timeout=30)
    program_ids = dict(validator.programs)
    return _make(client, validator.wallet, program_ids, "inprocess", url, None, True,
                 validator)


def connect_http(rpc_url: str, wallet: Keypair, *, ws_url: str | None = None,
                 program_ids: dict[str, Pubkey] | None = None, backend: str = "http",
                 can_warp: bool = True) -> TestCluster:
    """A ``TestCluster`` for an endpoint, paying with ``wallet``."""
    client = AsyncClient(rpc_url, commitment=Confirmed, timeout=30)
    return _make(client, wallet, dict(program_ids or {}), backend, rpc_url, ws_url, can_warp)


def connect_external(url: str, anchor_toml: Path | None = None,
                     wallet: Keypair | None = None) -> TestCluster:
    """A ``TestCluster`` for any cluster; see the module docstring for the wallet."""
    from ionet.localnet.genesis import read_anchor_toml, read_keypair

    program_ids: dict[str, Pubkey] = {}
    anchor_wallet = None
    if anchor_toml is not None and anchor_toml.exists():
        specs, anchor_wallet = read_anchor_toml(anchor_toml)
        program_ids = {s.name: s.program_id for s in specs}
    if wallet is None:
        path = os.environ.get("IONET_WALLET") or os.environ.get("ANCHOR_WALLET")
        candidate = Path(path) if path else anchor_wallet
        if candidate is None or not candidate.exists():
            candidate = Path.home() / ".config" / "solana" / "id.json"
        wallet = read_keypair(candidate)
    ws_url = url.replace("https://", "wss://").replace("http://", "ws://")
    if ws_url.endswith(":8899"):
        ws_url = ws_url[: -len("8899")] + "8900"
    return connect_http(url, wallet, ws_url=ws_url, program_ids=program_ids,
                        backend="external", can_warp=False)


@dataclass
class LocalnetProcess:
    """``ionet localnet`` running in a subprocess on free loopback ports."""

    process: subprocess.Popen[str]
    rpc_url: str
    ws_url: str
    wallet: Keypair
    program_ids: dict[str, Pubkey]
    startup_seconds: float
    _tmp: tempfile.TemporaryDirectory[str] | None = None

    def connect(self) -> TestCluster:
        return connect_http(self.rpc_url, self.wallet, ws_url=self.ws_url,
                            program_ids=self.program_ids)

    def stop(self, timeout: float = 10.0) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._tmp is not None:
            self._tmp.cleanup()
        return self.process.returncode


def start_localnet_process(
    *, anchor_toml: Path | None = None, wallet: Keypair | None = None,
    ledger: Path | None = None, reset: bool = False, extra_args: Sequence[str] = (),
    timeout: float = 30.0,
) -> LocalnetProcess:
    """Start ``python -m ionet.localnet`` on free ports and wait until it is healthy."""
    tmp = tempfile.TemporaryDirectory(prefix="ionet-localnet-")
    wallet = wallet or Keypair()
    wallet_path = Path(tmp.name) / "wallet.json"
    wallet_path.write_text(json.dumps(list(bytes(wallet))))
    args = [sys.executable, "-m", "ionet.localnet", "--rpc-port", "0", "--ws-port", "0",
            "--wallet", str(wallet_path), "--print-endpoints"]
    args += ["--anchor-toml", str(anchor_toml)] if anchor_toml is not None else \
        ["--no-programs"]
    if ledger is not None:
        args += ["--ledger", str(ledger)]
    if reset:
        args.append("--reset")
    args += list(extra_args)
    started = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, bufsize=1)
    assert process.stdout is not None
    endpoints: dict[str, Any] | None = None
    deadline = started + timeout
    while endpoints is None:
        line = process.stdout.readline()
        if not line:
            tmp.cleanup()
            raise RuntimeError(f"ionet localnet exited ({process.wait()}) before listening")
        if line.startswith("ENDPOINTS "):
            endpoints = json.loads(line[len("ENDPOINTS "):])
        if time.monotonic() > deadline:
            process.kill()
            tmp.cleanup()
            raise RuntimeError("ionet localnet did not start in time")
    startup = time.monotonic() - started
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
    program_ids = {name: Pubkey.from_string(pid)
                   for name, pid in endpoints["programs"].items()}
    return LocalnetProcess(process, endpoints["rpc"], endpoints["ws"], wallet, program_ids,
                           startup, tmp)
