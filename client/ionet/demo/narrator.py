"""What the demo prints: chapters, what happens, each transaction's compute units, refusals.

Every transaction goes through :meth:`Narrator.send`, which records the compute units of
the instruction it carries for the report's table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.idl import instruction_name
from ionet.testing import SendFailed, SentTransaction, TestCluster, anchor_error_lines

PROGRAMS = ("io_staking", "io_escrow", "io_slashing")


class DemoFailed(Exception):
    """The scenario did not go as the protocol says it must (one line: what and why)."""


def describe(program_ids: dict[str, Pubkey], program_id: Pubkey, data: bytes) -> str | None:
    """``program.instruction`` for one of our programs' instructions, else None."""
    for program in PROGRAMS:
        if program_ids.get(program) == program_id:
            name = instruction_name(program, data)
            return f"{program}.{name}" if name else None
    return None


def refusal(failure: SendFailed) -> str:
    """A refused transaction as one line: the program's error name, number and message."""
    lines = anchor_error_lines(failure.logs)
    if not lines:
        return str(failure).splitlines()[0]
    name, code, message, _ = lines[-1]
    return f"{name} ({code}): {message}"


@dataclass
class Narrator:
    """Prints the scenario and sends its transactions on ``cluster``."""

    cluster: TestCluster
    console: Console
    units: dict[str, list[int]] = field(default_factory=dict)
    """Compute units per ``program.instruction``, one entry per transaction."""
    chapters: int = 0

    def chapter(self, title: str, story: str) -> None:
        self.chapters += 1
        self.console.print()
        self.console.rule(f"[bold]{self.chapters}. {title}", align="left")
        self.console.print(story, style="italic", highlight=False)

    def say(self, text: str) -> None:
        self.console.print(f"  {text}", highlight=False)

    def record(self, label: str, compute_units: int) -> None:
        self.units.setdefault(label, []).append(compute_units)

    async def send(self, what: str, instructions: Sequence[Instruction],
                   signers: Sequence[Keypair] = ()) -> SentTransaction:
        """Sends one transaction, prints ``what`` with its compute units and records them
        under the name of the one instruction of ours it carries."""
        sent = await self.cluster.send(list(instructions), list(signers))
        ids = self.cluster.program_ids
        labels = [d for d in (describe(ids, i.program_id, bytes(i.data)) for i in instructions)
                  if d]
        if labels:
            self.record(" + ".join(labels), sent.compute_units)
        self.console.print(f"  [green]✓[/] {what}  [dim]{sent.compute_units:,} CU[/]",
                           highlight=False)
        return sent

    async def refused(self, what: str, instructions: Sequence[Instruction],
                      signers: Sequence[Keypair] = ()) -> str:
        """Sends a transaction the programs must refuse; prints and returns the refusal.
        Raises :class:`DemoFailed` when it lands."""
        try:
            await self.cluster.send(list(instructions), list(signers))
        except SendFailed as failure:
            reason = refusal(failure)
            self.console.print(f"  [red]✗[/] {what}: refused, [bold]{reason}[/]",
                               highlight=False)
            return reason
        raise DemoFailed(f"{what}: the programs accepted it")
