"""Compute units of one transaction, split by program invocation.

The runtime logs ``Program X invoke [depth]`` when a program starts and ``Program X consumed
N of M compute units`` when it ends, N counting everything it ran, its CPIs included. So
each invocation's units minus those of the invocations it made are its own, and the token
program's invocations are the token CPI units of the instruction. A CPI's invoke cost
(1 000 CU) is taken from the caller's meter, so it counts as the caller's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID

from ionet.loader_v3 import LOADER_V3_ID
from ionet.testing import SentTransaction

PER_BUMP = 1_500
TOKEN_PROGRAMS = frozenset({str(TOKEN_PROGRAM_ID), str(TOKEN_2022_PROGRAM_ID)})
_INVOKE = re.compile(r"^Program (\w+) invoke \[\d+\]$")
_CONSUMED = re.compile(r"^Program (\w+) consumed (\d+) of \d+ compute units$")


@dataclass
class Invocation:
    program: str
    units: int = 0
    calls: list[Invocation] = field(default_factory=list)

    def walk(self) -> Iterable[Invocation]:
        yield self
        for call in self.calls:
            yield from call.walk()

    def token_units(self) -> int:
        """Units of the token program invocations in this one (itself included); a token
        program makes no CPI into another token program, so nothing is counted twice."""
        return sum(i.units for i in self.walk() if i.program in TOKEN_PROGRAMS)


@dataclass(frozen=True)
class Units:
    """One instruction's compute units: ``total`` (what a budget holds), of which ``token``
    ran in the token program and ``own`` is the rest (ours, and the runtime's invoke
    costs)."""

    total: int
    token: int

    @property
    def own(self) -> int:
        return self.total - self.token


def invocations(logs: Sequence[str]) -> list[Invocation]:
    """The transaction's top-level invocations, each with the CPIs it made."""
    roots: list[Invocation] = []
    stack: list[Invocation] = []
    for line in logs:
        if m := _INVOKE.match(line):
            call = Invocation(m.group(1))
            (stack[-1].calls if stack else roots).append(call)
            stack.append(call)
        elif (m := _CONSUMED.match(line)) and stack and stack[-1].program == m.group(1):
            stack[-1].units = int(m.group(2))
        elif stack and line.startswith(f"Program {stack[-1].program} ") and (
                line.endswith(" success") or " failed: " in line):
            stack.pop()
    return roots


def measure(sent: SentTransaction, program_id: Pubkey | None = None) -> Units:
    """The whole transaction's units (from its metadata), or, with ``program_id``, those of
    that program's one invocation (as when another program calls it)."""
    roots = invocations(sent.logs)
    if program_id is None:
        return Units(sent.compute_units, sum(r.token_units() for r in roots))
    found = [i for r in roots for i in r.walk() if i.program == str(program_id)]
    if len(found) != 1:
        raise ValueError(f"{program_id} ran {len(found)} times, not once: {sent.logs}")
    return Units(found[0].units, found[0].token_units())


def at_first_bump(units: Units, *derived: tuple[Pubkey, Sequence[bytes]]) -> Units:
    """``units`` of an instruction that derived the addresses ``derived`` (program, seeds)
    with ``find_program_address``, as if each had been found at the first bump tried (255).
    Each further bump costs 1 500 CU (the runtime's ``create_program_address``) and depends
    on the keys in the seeds, not on the program."""
    extra = sum(255 - Pubkey.find_program_address(list(seeds), program)[1]
                for program, seeds in derived)
    return Units(units.total - PER_BUMP * extra, units.token)


def programdata(program_id: Pubkey) -> tuple[Pubkey, list[bytes]]:
    """The derivation of ``program_id``'s ProgramData account (the upgradeable loader's)."""
    return LOADER_V3_ID, [bytes(program_id)]
