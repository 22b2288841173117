"""The cluster, as the coordinator uses it: a few JSON-RPC calls over httpx, every one
retried with exponential backoff while the cluster is unreachable, times out or says it
is behind (-32005, or -32016 for a ``minContextSlot`` it has not reached), while the
coordinator keeps ingesting. Any other error the node answers with is not retried: it is
raised as :class:`RpcError`.

Account reads never go back in time: each asks for at least the slot of the newest one
(``minContextSlot``), so a node behind the last answer (one behind a load balancer, after
a failover) cannot report an escrow that was seen open as gone."""

from __future__ import annotations

import asyncio
import base64
import logging
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from solders.hash import Hash
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

__all__ = ["Chain", "ChainUnavailable", "RpcError", "SignatureStatus"]

CLOCK = "SysvarC1ock11111111111111111111111111111111"
_MAX_ACCOUNTS = 100
NODE_UNHEALTHY = -32005
MIN_CONTEXT_SLOT_NOT_REACHED = -32016
_BEHIND = (NODE_UNHEALTHY, MIN_CONTEXT_SLOT_NOT_REACHED)
"""The errors a node answers while it is behind: transient, retried."""
log = logging.getLogger("ionet.coordinator")


class ChainUnavailable(RuntimeError):
    """The cluster could not be reached before the service was told to stop."""


class RpcError(RuntimeError):
    """The node answered with an error (``code``, ``message``, ``data``)."""

    def __init__(self, method: str, error: dict[str, Any]) -> None:
        self.code = error.get("code")
        self.data = error.get("data")
        super().__init__(f"{method}: {error.get('message')}")


class _Unhealthy(Exception):
    """The node answered that it is behind: retried like an unreachable node."""

    def __init__(self, error: dict[str, Any]) -> None:
        self.error = error
        super().__init__(error.get("message"))


@dataclass(frozen=True)
class SignatureStatus:
    slot: int
    err: Any


class Chain:
    """JSON-RPC at ``url``; ``on_retry(method, error)`` is told of every retried failure."""

    def __init__(self, url: str, *, timeout: float = 10.0, max_backoff: float = 5.0,
                 on_retry: Callable[[str, BaseException], None] | None = None,
                 stopping: asyncio.Event | None = None) -> None:
        self.url = url
        self.http = httpx.AsyncClient(timeout=timeout)
        self.max_backoff = max_backoff
        self.on_retry = on_retry
        self.stopping = stopping or asyncio.Event()
        """Once set, retries give up (:class:`ChainUnavailable`): SIGTERM during an outage
        stops the service instead of waiting for the cluster."""
        self._id = 0
        self.newest_slot = 0
        """The context slot of the newest account read (the next one asks for as much)."""

    async def close(self) -> None:
        await self.http.aclose()

    async def call(self, method: str, *params: Any, retry: bool = True) -> Any:
        delay = 0.1
        while True:
            self._id += 1
            body = {"jsonrpc": "2.0", "id": self._id, "method": method,
                    "params": list(params)}
            try:
                answer = await self.http.post(self.url, json=body)
                if answer.status_code in (429, 502, 503, 504):
                    raise httpx.HTTPStatusError(f"HTTP {answer.status_code}",
                                                request=answer.request, response=answer)
                doc = answer.json()
                if isinstance(doc.get("error"), dict) and doc["error"].get("code") in _BEHIND:
                    raise _Unhealthy(doc["error"])
            except (httpx.HTTPError, ValueError, OSError, _Unhealthy) as exc:
                if not retry:
                    if isinstance(exc, _Unhealthy):
                        raise RpcError(method, exc.error) from None
                    raise
                if self.stopping.is_set():
                    raise ChainUnavailable(f"{method}: {type(exc).__name__}: {exc}") from exc
                if self.on_retry is not None:
                    self.on_retry(method, exc)
                log.warning("rpc %s failed (%s: %s); retrying in %.1f s", method,
                            type(exc).__name__, exc, delay)
                try:
                    await asyncio.wait_for(self.stopping.wait(), delay)
                except TimeoutError:
                    pass
                delay = min(delay * 2, self.max_backoff)
                continue
            if "error" in doc:
                raise RpcError(method, doc["error"])
            return doc["result"]

    # ---- reading

    async def accounts(self, keys: Sequence[Pubkey]) -> dict[Pubkey, tuple[Pubkey, bytes]]:
        """(owner, data) of each key that exists."""
        found: dict[Pubkey, tuple[Pubkey, bytes]] = {}
        for start in range(0, len(keys), _MAX_ACCOUNTS):
            chunk = list(keys[start:start + _MAX_ACCOUNTS])
            config: dict[str, Any] = {"encoding": "base64", "commitment": "confirmed"}
            if self.newest_slot:
                config["minContextSlot"] = self.newest_slot
            result = await self.call("getMultipleAccounts", [str(k) for k in chunk], config)
            self.newest_slot = max(self.newest_slot, int(result["context"]["slot"]))
            for key, value in zip(chunk, result["value"], strict=True):
                if value is not None and value["lamports"] > 0:
                    found[key] = (Pubkey.from_string(value["owner"]),
                                  base64.b64decode(value["data"][0]))
        return found

    async def unix_timestamp(self) -> int:
        """The Clock sysvar's time (what the programs check the rate bound against)."""
        data = (await self.accounts([Pubkey.from_string(CLOCK)]))[Pubkey.from_string(CLOCK)][1]
        return int.from_bytes(data[32:40], "little", signed=True)

    async def latest_blockhash(self) -> tuple[Hash, int]:
        value = (await self.call("getLatestBlockhash", {"commitment": "confirmed"}))["value"]
        return Hash.from_string(value["blockhash"]), int(value["lastValidBlockHeight"])

    async def block_height(self) -> int:
        return int(await self.call("getBlockHeight", {"commitment": "confirmed"}))

    async def slot(self) -> int:
        return int(await self.call("getSlot", {"commitment": "confirmed"}))

    async def statuses(self, signatures: Sequence[str]) -> list[SignatureStatus | None]:
        found: list[SignatureStatus | None] = []
        for start in range(0, len(signatures), 256):
            chunk = list(signatures[start:start + 256])
            result = await self.call("getSignatureStatuses", chunk,
                                     {"searchTransactionHistory": True})
            found += [None if v is None else SignatureStatus(int(v["slot"]), v["err"])
                      for v in result["value"]]
        return found

    async def priority_fee(self, accounts: Sequence[Pubkey]) -> int:
        """The median of the recent prioritization fees paid for ``accounts``
        (micro-lamports per compute unit)."""
        fees = await self.call("getRecentPrioritizationFees", [str(a) for a in accounts])
        values = [int(f["prioritizationFee"]) for f in fees]
        return int(statistics.median(values)) if values else 0

    # ---- transactions

    async def simulate(self, tx: VersionedTransaction) -> tuple[Any, int, list[str]]:
        """(error, units consumed, logs), with the blockhash replaced by a fresh one."""
        value = (await self.call(
            "simulateTransaction", base64.b64encode(bytes(tx)).decode(),
            {"encoding": "base64", "sigVerify": False, "replaceRecentBlockhash": True,
             "commitment": "confirmed"}))["value"]
        return value["err"], int(value.get("unitsConsumed") or 0), value.get("logs") or []

    async def send(self, raw: bytes) -> str:
        """Sends signed bytes with preflight; one attempt (the caller knows whether the
        transaction may have been delivered when this raises)."""
        return str(await self.call(
            "sendTransaction", base64.b64encode(raw).decode(),
            {"encoding": "base64", "preflightCommitment": "confirmed", "maxRetries": 0},
            retry=False))
