"""What ``ionet localnet`` prints while it runs: a line per transaction (signature,
status, compute units, the failing program's error) and, on a terminal, a status line
kept at the bottom, as solana-test-validator's dashboard; with ``--log``, every
transaction's program logs in ``validator.log``."""

from __future__ import annotations

import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Final

from solders.account import Account
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet.localnet.errors import transaction_error_message
from ionet.localnet.records import TxRecord
from ionet.localnet.validator import Validator

STATUS_SECONDS: Final = 0.25
"""The status line is redrawn at most this often."""
_ANCHOR_ERROR: Final = re.compile(r"Error Code: (\w+)\. Error Number: (\d+)")
_PROGRAM_FAILED: Final = re.compile(r"^Program (\w+) failed: ")


def failing_program(record: TxRecord) -> Pubkey | None:
    """The program that failed: the innermost one the logs say failed (a CPI callee's
    failure fails its callers too), else the program of the instruction it stopped at."""
    for log in record.logs:  # the innermost failure is logged first
        found = _PROGRAM_FAILED.match(log)
        if found:
            return Pubkey.from_string(found[1])
    err = record.err
    if not isinstance(err, dict) or "InstructionError" not in err:
        return None
    index = err["InstructionError"][0]
    instructions = VersionedTransaction.from_bytes(record.raw).message.instructions
    return record.keys[instructions[index].program_id_index] if index < len(instructions) \
        else None


def transaction_line(record: TxRecord) -> str:
    """``SIGNATURE ok|failed N CU`` and, for a failure, who failed and why."""
    units = f"{record.compute_units:,} CU"
    if record.err is None:
        return f"{record.signature} ok {units}"
    line = f"{record.signature} failed {units}: {transaction_error_message(record.err)}"
    program = failing_program(record)
    if program is not None:
        line += f" (program {program})"
    for log in reversed(record.logs):
        found = _ANCHOR_ERROR.search(log)
        if found:
            line += f" {found[1]} ({found[2]})"
            break
    return line


class Console:
    """Prints the node's messages on stderr; a Listener of the validator once attached."""

    def __init__(self, *, quiet: bool, stream: IO[str] = sys.stderr) -> None:
        self.quiet = quiet
        self.stream = stream
        self.tty = stream.isatty()
        self.program_log: Path | None = None
        self._log_file: IO[str] | None = None
        self._validator: Validator | None = None
        self._status = ""
        self._drawn = 0.0

    def message(self, text: str) -> None:
        if not self.quiet:
            self._print(text)

    def attach(self, validator: Validator) -> None:
        """From now on, report the validator's transactions and slots."""
        self._validator = validator
        if self.program_log is not None:
            self.program_log.parent.mkdir(parents=True, exist_ok=True)
            self._log_file = self.program_log.open("a", encoding="utf-8")
        validator.listeners.append(self)
        self._draw_status()

    def close(self) -> None:
        if self._status:
            self.stream.write("\n")
            self._status = ""
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def _print(self, text: str) -> None:
        if self._status:
            self.stream.write("\r\x1b[2K")
        self.stream.write(text + "\n")
        if self._status:
            self.stream.write(self._status)
        self.stream.flush()

    # ------------------------------------------------------------- Listener

    def on_transaction(self, record: TxRecord, writes: dict[Pubkey, Account]) -> None:
        if self._log_file is not None:
            stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            self._log_file.write(f"[{stamp} transaction {record.signature} slot "
                                 f"{record.slot}]\n")
            self._log_file.writelines(f"  {line}\n" for line in record.logs)
            self._log_file.flush()
        if not self.quiet:
            self._print(transaction_line(record))

    def on_slot(self, slot: int, parent: int) -> None:
        if self.tty and not self.quiet and time.monotonic() - self._drawn >= STATUS_SECONDS:
            self._draw_status()

    def _draw_status(self) -> None:
        v = self._validator
        if not self.tty or self.quiet or v is None:
            return
        self._drawn = time.monotonic()
        balance = (v.svm.get_balance(v.wallet.pubkey()) or 0) / 10**9
        self._status = (f"slot {v.slot} | epoch {v.schedule.get_epoch(v.slot)} | "
                        f"transactions {v.transaction_count:,} | wallet ◎{balance:,.4f}")
        self.stream.write("\r\x1b[2K" + self._status)
        self.stream.flush()
