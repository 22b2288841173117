"""The Solana Actions specification's shapes (https://solana.com/docs/advanced/actions,
``@solana/actions-spec``): response headers, ``actions.json``, GET metadata, the POST
request and response, errors.

* Every Actions response carries the CORS headers the specification lists (origin ``*``;
  methods ``GET,POST,PUT,OPTIONS``; the request headers clients send, the
  ``X-Accept-*`` ones included; ``X-Action-Version`` and ``X-Blockchain-Ids`` exposed),
  the specification version it follows and the cluster's CAIP-2 id.
* ``OPTIONS`` answers with the same headers and no body.
* Errors are ``{"message": ...}`` with a 4xx status (5xx when the cluster fails).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from solders.pubkey import Pubkey
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ionet.cli.errors import CliError

__all__ = [
    "ACTION_VERSION",
    "AMOUNT_PATTERN",
    "ActionMeta",
    "Param",
    "action_error",
    "actions_headers",
    "actions_json",
    "actions_response",
    "post_request",
]

ACTION_VERSION: Final = "2.4"
AMOUNT_PATTERN: Final = r"^\d+(\.\d+)?$"
_ALLOW_HEADERS: Final = ("Content-Type, Authorization, Content-Encoding, Accept-Encoding, "
                         "X-Accept-Action-Version, X-Accept-Blockchain-Ids")


def actions_headers(blockchain_id: str) -> dict[str, str]:
    return {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET,POST,PUT,OPTIONS",
        "Access-Control-Allow-Headers": _ALLOW_HEADERS,
        "Access-Control-Expose-Headers": "X-Action-Version, X-Blockchain-Ids",
        "X-Action-Version": ACTION_VERSION,
        "X-Blockchain-Ids": blockchain_id,
    }


def actions_response(body: Any, blockchain_id: str, status: int = 200) -> Response:
    headers = actions_headers(blockchain_id)
    if body is None:
        return Response(status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def action_error(message: str, blockchain_id: str, status: int = 400) -> Response:
    """The specification's ``ActionError``."""
    return actions_response({"message": message}, blockchain_id, status)


def actions_json() -> dict[str, Any]:
    """``/actions.json``: a node's page is its co-stake action; the API maps to itself."""
    return {"rules": [
        {"pathPattern": "/nodes/*", "apiPath": "/api/actions/costake/*"},
        {"pathPattern": "/api/actions/**", "apiPath": "/api/actions/**"},
    ]}


@dataclass(frozen=True)
class Param:
    """An ``ActionParameter``: a user input, sent back in the href's ``{name}``."""

    name: str
    label: str
    type: str = "text"
    required: bool = True
    pattern: str | None = None
    pattern_description: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "name": self.name, "label": self.label,
                               "required": self.required}
        if self.pattern is not None:
            out["pattern"] = self.pattern
            out["patternDescription"] = self.pattern_description
        return out


@dataclass(frozen=True)
class ActionMeta:
    """An ``ActionGetResponse`` with one ``LinkedAction`` (``type: transaction``)."""

    icon: str
    title: str
    description: str
    label: str
    href: str
    params: tuple[Param, ...] = ()
    disabled: bool = False
    error: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        linked: dict[str, Any] = {"type": "transaction", "label": self.label,
                                  "href": self.href}
        if self.params:
            linked["parameters"] = [p.to_json() for p in self.params]
        out: dict[str, Any] = {"type": "action", "icon": self.icon, "title": self.title,
                               "description": self.description, "label": self.label,
                               "disabled": self.disabled, "links": {"actions": [linked]}}
        if self.error is not None:
            out["error"] = {"message": self.error}
        return out


async def post_request(request: Request) -> tuple[Pubkey, dict[str, str]]:
    """The POST body's ``account`` and the user's inputs: the query string (the href's
    filled-in template) and the body's ``data``, as strings."""
    try:
        body = json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError):
        raise CliError("the request body is not JSON (expected {\"account\": ...})") from None
    if not isinstance(body, dict) or not isinstance(body.get("account"), str):
        raise CliError("the request body has no \"account\" (a base58 public key)")
    try:
        account = Pubkey.from_string(body["account"])
    except ValueError:
        raise CliError(f"account {body['account']!r} is not a base58 public key") from None
    inputs = dict(request.query_params)
    data = body.get("data")
    if isinstance(data, dict):
        inputs.update({k: v for k, v in data.items() if isinstance(v, str)})
    return account, inputs
