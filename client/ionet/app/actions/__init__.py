"""The actions: each one a GET (what it does, for the node or escrow in its path) and a
POST (the instructions for the wallet's account), one module per program.

An action's path is ``/api/actions/<name>/<subject>``: the subject is a node (address,
id or device UUID, as in the CLI) or an escrow address. Every check an action makes
before building is one the CLI makes too; the simulation of the built transaction then
reports any refusal of the program itself as its error message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from solders.instruction import Instruction
from solders.pubkey import Pubkey

from ionet.app.chain import Chain
from ionet.app.spec import AMOUNT_PATTERN, Param
from ionet.cli.errors import CliError
from ionet.cli.staking_accounts import Staking
from ionet.cli.units import parse_amount

__all__ = ["AMOUNT", "Action", "Described", "Planned", "Scene", "amount_input", "percent",
           "required"]

AMOUNT = Param("amount", "Amount (tokens)", pattern=AMOUNT_PATTERN,
               pattern_description="a decimal number of tokens, e.g. 250.5")


@dataclass
class Scene:
    """What an action acts in: the chain, io_staking's deployment, the path's subject,
    the request's query (e.g. the proposal a dispute's GET is about)."""

    chain: Chain
    staking: Staking
    subject: str
    query: dict[str, str]


@dataclass(frozen=True)
class Described:
    """The GET's description, and why the action cannot be taken now (disabled)."""

    description: str
    refused: str | None = None


@dataclass(frozen=True)
class Planned:
    """A POST's instructions and the message shown with the transaction."""

    instructions: list[Instruction]
    message: str


@dataclass(frozen=True)
class Action:
    name: str
    title: str
    label: str
    describe: Callable[[Scene], Awaitable[Described]]
    plan: Callable[[Scene, Pubkey, dict[str, str]], Awaitable[Planned]]
    params: tuple[Param, ...] = ()


def required(inputs: dict[str, str], name: str) -> str:
    value = inputs.get(name, "").strip()
    if not value or value == "{" + name + "}":
        raise CliError(f"{name} is missing")
    return value


def amount_input(inputs: dict[str, str], decimals: int, name: str = "amount") -> int:
    """An exact amount of tokens in base units (the CLI's rules: no floats, no rounding)."""
    return parse_amount(required(inputs, name), decimals, name)


def percent(bps: int) -> str:
    """Basis points as an exact percentage: ``2000`` → ``20%``, ``1250`` → ``12.5%``."""
    whole, rest = divmod(bps, 100)
    return f"{whole}.{rest:02d}".rstrip("0").rstrip(".") + "%"
