"""HTTP ingestion: ``POST /v1/usage`` with a JSON array of records (or JSON lines, or
one object), authenticated by ``Authorization: Bearer TOKEN`` or by
``X-Ionet-Signature: sha256=HEX``, the HMAC-SHA256 of the body under the same secret.

* 202 ``{"accepted": N, "duplicates": D}`` only once the records are durable in the
  journal (committed);
* 400 ``{"error": reason}`` for a malformed batch: nothing of it is stored;
* 401 without valid authentication, 413 above ``MAX_BODY`` bytes, 507 when the journal's
  disk is full, 503 (``Retry-After``) while the journal's server is unreachable: nothing
  of the batch is stored, the client sends it again.

``GET /metrics`` (Prometheus text format) and ``GET /healthz`` need no authentication;
bind to loopback (the default) or put a proxy in front.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from solders.pubkey import Pubkey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ionet.coordinator.journal import Journal, JournalFull, JournalUnavailable
from ionet.coordinator.metrics import Metrics
from ionet.coordinator.records import RecordError, parse_batch

__all__ = ["MAX_BODY", "SIGNATURE_HEADER", "make_app", "sign"]

MAX_BODY = 8 * 1024 * 1024
SIGNATURE_HEADER = "x-ionet-signature"


def sign(secret: bytes, body: bytes) -> str:
    """The ``X-Ionet-Signature`` value of ``body``."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def _authenticated(request: Request, body: bytes, secret: bytes) -> bool:
    bearer = request.headers.get("authorization", "")
    if bearer.startswith("Bearer ") and \
            hmac.compare_digest(bearer[len("Bearer "):].strip().encode(), secret):
        return True
    signature = request.headers.get(SIGNATURE_HEADER)
    return signature is not None and hmac.compare_digest(signature.strip(),
                                                         sign(secret, body))


def make_app(journal: Journal, metrics: Metrics, secret: bytes,
             escrow_of: Callable[[Pubkey, int], Pubkey],
             on_records: Callable[[], None] | None = None) -> Starlette:
    """The app; ``on_records()`` is called once new records are durable."""
    def refuse(status: int, reason: str, kind: str,
               headers: dict[str, str] | None = None) -> JSONResponse:
        metrics.rejected.labels("http", kind).inc()
        return JSONResponse({"error": reason}, status_code=status, headers=headers)

    async def usage(request: Request) -> Response:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY:
            return refuse(413, f"the body is over {MAX_BODY} bytes", "too large")
        body = await request.body()
        if len(body) > MAX_BODY:
            return refuse(413, f"the body is over {MAX_BODY} bytes", "too large")
        if not _authenticated(request, body, secret):
            return refuse(401, "authenticate with Authorization: Bearer TOKEN or "
                          "X-Ionet-Signature: sha256=HMAC-SHA256(body)", "unauthenticated")
        try:
            records = parse_batch(body.decode("utf-8"), escrow_of)
        except UnicodeDecodeError:
            return refuse(400, "the body is not UTF-8", "malformed")
        except RecordError as exc:
            return refuse(400, str(exc), "malformed")
        try:
            added, duplicates = journal.add_records(records, "http")
        except JournalFull as exc:
            return refuse(507, str(exc), "disk full")
        except JournalUnavailable as exc:
            return refuse(503, str(exc), "journal unavailable", {"retry-after": "1"})
        if added and on_records is not None:
            on_records()
        metrics.records_in.labels("http").inc(added)
        metrics.duplicates.labels("http").inc(duplicates)
        return JSONResponse({"accepted": added, "duplicates": duplicates}, status_code=202)

    async def metrics_page(_request: Request) -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    async def health(_request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/v1/usage", usage, methods=["POST"]),
                             Route("/metrics", metrics_page, methods=["GET"]),
                             Route("/healthz", health, methods=["GET"])])
