"""The Starlette application of ``ionet app``: the Actions API, the page's JSON API and
the page itself.

| path | what |
|---|---|
| ``/actions.json`` | the Actions rules (CORS for GET and OPTIONS) |
| ``/api/actions/<action>/<subject>`` | GET metadata, POST ``{account}`` → transaction, OPTIONS |
| ``/api/config`` | cluster, chain ids, program ids, for the page |
| ``/api/nodes``, ``/api/nodes/<node>``, ``/api/positions/<owner>`` | what the page shows |
| ``/api/send`` | POST ``{transaction}`` signed by a wallet: sent, confirmed |
| ``/``, ``/nodes/<node>``, ``/positions`` | the page |
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from solana.exceptions import SolanaRpcException
from solana.rpc.core import RPCException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ionet.app import queries
from ionet.app.actions import Action, Scene
from ionet.app.actions import escrow as escrow_actions
from ionet.app.actions import slashing as slashing_actions
from ionet.app.actions import staking as staking_actions
from ionet.app.chain import Chain
from ionet.app.spec import ActionMeta, action_error, actions_json, actions_response, post_request
from ionet.app.transactions import decode_transaction, send_signed, unsigned_transaction
from ionet.cli.common import cluster_error
from ionet.cli.context import parse_pubkey
from ionet.cli.errors import CliError

__all__ = ["ACTIONS", "create_app"]

STATIC = Path(__file__).parent / "static"
ACTIONS: dict[str, Action] = {a.name: a for a in [
    *staking_actions.ACTIONS, *escrow_actions.ACTIONS, *slashing_actions.ACTIONS]}


def _failure(chain: Chain, exc: Exception) -> tuple[str, int] | None:
    """The one-line message and status of a failure a user or the cluster caused."""
    if isinstance(exc, CliError):
        return exc.message, 400
    if isinstance(exc, SolanaRpcException | httpx.HTTPError):
        return cluster_error(chain.ctx, exc).message, 502
    if isinstance(exc, RPCException):
        detail = exc.args[0] if exc.args else exc
        return (f"the cluster answered with an error: "
                f"{getattr(detail, 'message', None) or detail}"), 502
    return None


async def _string_field(request: Request, name: str) -> str:
    try:
        body: Any = json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError):
        raise CliError("the request body is not JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get(name), str):
        raise CliError(f"the request body has no {name!r}")
    return str(body[name])


def create_app(chain: Chain) -> Starlette:
    bid = chain.blockchain_id

    async def guarded(make: Callable[[], Awaitable[Response]],
                      error: Callable[[str, int], Response]) -> Response:
        try:
            return await make()
        except Exception as exc:
            failure = _failure(chain, exc)
            if failure is None:
                raise
            return error(*failure)

    def api_error(message: str, status: int) -> Response:
        return JSONResponse({"message": message}, status_code=status)

    def actions_error(message: str, status: int) -> Response:
        return action_error(message, bid, status)

    # ---- Actions

    async def rules(request: Request) -> Response:
        return actions_response(None if request.method == "OPTIONS" else actions_json(), bid)

    async def action(request: Request) -> Response:
        if request.method == "OPTIONS":
            return actions_response(None, bid)
        name = request.path_params["name"]
        found = ACTIONS.get(name)
        if found is None:
            return action_error(f"no action {name!r} (actions: {', '.join(ACTIONS)})", bid, 404)
        subject = request.path_params["subject"]

        async def answer() -> Response:
            scene = Scene(chain, await chain.staking(), subject, dict(request.query_params))
            if request.method == "GET":
                described = await found.describe(scene)
                # The GET's own query (a mint, a proposal number) stays in the href.
                names = {p.name for p in found.params}
                kept = [f"{k}={quote(v, safe='')}" for k, v in request.query_params.items()
                        if k not in names]
                query = "&".join(kept + [f"{p.name}={{{p.name}}}" for p in found.params])
                meta = ActionMeta(
                    icon=str(request.url_for("static", path="icon.svg")),
                    title=found.title, description=described.description,
                    label=found.label,
                    href=f"/api/actions/{name}/{subject}" + (f"?{query}" if query else ""),
                    params=found.params, disabled=described.refused is not None,
                    error=described.refused)
                return actions_response(meta.to_json(), bid)
            account, inputs = await post_request(request)
            planned = await found.plan(scene, account, inputs)
            transaction = await unsigned_transaction(chain.ctx, account, planned.instructions,
                                                     chain.names(scene.staking))
            return actions_response({"type": "transaction", "transaction": transaction,
                                     "message": planned.message}, bid)

        return await guarded(answer, actions_error)

    # ---- the page's API

    async def config(request: Request) -> Response:
        async def answer() -> Response:
            staking = await chain.staking()
            return JSONResponse({
                "cluster": chain.ctx.cluster_name, "url": chain.ctx.url,
                "walletChain": chain.wallet_chain, "blockchainId": bid,
                "decimals": staking.decimals, "stakeMint": str(staking.program.stake_mint),
                "programs": {name: str(key) for key, name in chain.names(staking).items()},
                "explorer": chain.ctx.explorer_link("SIGNATURE")})
        return await guarded(answer, api_error)

    async def nodes(request: Request) -> Response:
        async def answer() -> Response:
            return JSONResponse(await queries.node_list(chain))
        return await guarded(answer, api_error)

    async def node(request: Request) -> Response:
        async def answer() -> Response:
            return JSONResponse(await queries.node_detail(chain, request.path_params["node"]))
        return await guarded(answer, api_error)

    async def positions(request: Request) -> Response:
        async def answer() -> Response:
            who = parse_pubkey(request.path_params["owner"], "owner")
            return JSONResponse(await queries.positions(chain, who))
        return await guarded(answer, api_error)

    async def send(request: Request) -> Response:
        async def answer() -> Response:
            signed = decode_transaction(await _string_field(request, "transaction"))
            sent = await send_signed(chain.ctx, signed, chain.names(await chain.staking()))
            return JSONResponse(queries.jsonable(sent))
        return await guarded(answer, api_error)

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    # Compressed when the client accepts it, as the specification asks of Action APIs.
    return Starlette(middleware=[Middleware(GZipMiddleware, minimum_size=500)], routes=[
        Route("/actions.json", rules, methods=["GET", "OPTIONS"]),
        Route("/api/actions/{name}/{subject}", action, methods=["GET", "POST", "OPTIONS"]),
        Route("/api/config", config),
        Route("/api/nodes", nodes),
        Route("/api/nodes/{node}", node),
        Route("/api/positions/{owner}", positions),
        Route("/api/send", send, methods=["POST"]),
        Route("/", page),
        Route("/nodes/{node}", page),
        Route("/positions", page),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ])
