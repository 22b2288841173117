"""The instruction fuzzer of every program (`tests/<program>/test_fuzz.py`), against the
real binaries on `ionet localnet`.

Each case starts from a valid instruction of the program's scene (the scene of its
generated negative tests) and applies zero to two mutations: the data truncated, extended,
given a wrong discriminator or extreme integers; accounts swapped, duplicated, replaced
with look-alikes (the same bytes under another owner, another account of ours, an account
that does not exist, a genuine account of the same kind), signers dropped, writable flags
flipped. What each outcome may be:

* a mutation that takes away what the instruction needs (`must_fail`: a dropped signer, a
  dropped `mut`, a wrong discriminator, truncated data, a forged or missing account where a
  declared constraint names one) must be refused;
* any other case may succeed; the program's books (the harness's conservation invariants)
  are checked after every transaction that lands;
* a refusal is a program error (a code of the program's own, or of the program it called)
  or a refusal of the runtime before the program ran; never a panic, an access violation,
  an exhausted compute budget, or a runtime check the program should have made first
  (a read-only account written, lamports out of balance, a privilege escalated).

The run's seed is printed (`IONET_FUZZ_SEED` repeats it, `IONET_FUZZ_CASES` sets the count);
the seeds of past failures are kept in `tests/fuzz_corpus.txt` and replayed first.
"""

from __future__ import annotations

import base64
import json
import os
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from declared_faults import declared_accounts
from solders.account import Account
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_PROGRAM_ID

from idlgen.constraints import AccountSpec
from idlgen.model import Program, snake
from ionet.testing import SendFailed, TestCluster

SEED = int(os.environ.get("IONET_FUZZ_SEED") or random.SystemRandom().randrange(2**32))
CASES = int(os.environ.get("IONET_FUZZ_CASES", "10000"))
CORPUS = Path(__file__).with_name("fuzz_corpus.txt")
REPORTS = Path(__file__).parents[1] / "target" / "security"
LINES: list[str] = []  # printed at the end of the session (tests/conftest.py)

# What only a program that skipped a check of its own, or crashed, makes the runtime say.
RUNTIME_FAULTS = (
    "ProgramFailedToComplete", "ComputationalBudgetExceeded", "UnbalancedInstruction",
    "ReadonlyDataModified", "ReadonlyLamportChange", "ExternalAccountDataModified",
    "ExternalAccountLamportSpend", "ExecutableModified", "ExecutableDataModified",
    "ExecutableLamportChange", "ModifiedProgramId", "AccountDataSizeChanged",
    "InvalidRealloc", "PrivilegeEscalation", "CallDepth", "DuplicateAccountOutOfSync",
    "ProgramFailedToCompile", "InvalidError",
)
FAULT_LOGS = ("panicked", "Access violation", "exceeded CUs meter", "out of bounds")

Built = tuple[Instruction, list[Keypair]]


@dataclass
class AdminRotation:
    """How the fuzzer follows an accept_admin that landed: `read` gives the admin now,
    `holder` holds the scene's admin keypair (`holder.admin`), `scene` its pending one
    (`scene.pending_admin`). See `follow_admin`."""

    read: Callable[[], Awaitable[Pubkey]]
    holder: Any
    scene: Any


@dataclass
class Target:
    """What the fuzzer needs of a program's scene."""

    name: str  # io_staking, ...
    program: Program
    cluster: TestCluster
    errors: Sequence[ModuleType]  # the generated error modules (anchor, custom)
    valid: Callable[[str], Built]  # a valid instruction by name, over the scene
    genuine: Sequence[Pubkey]  # real accounts of the scene, of every kind
    check_books: Callable[[], Awaitable[None]]
    # Brings the scene up to date with the chain before each case (a settle sequence, an
    # escrow closed by an earlier case opened again), so valid instructions stay valid.
    refresh: Callable[[], Awaitable[None]] | None = None
    admin: AdminRotation | None = None

    @cached_property
    def known_codes(self) -> set[int]:
        return {value.code for module in self.errors for value in vars(module).values()
                if isinstance(value, type) and isinstance(getattr(value, "code", None), int)}

    @cached_property
    def instructions(self) -> dict[str, tuple[list[AccountSpec], list[tuple[int, int]]]]:
        """Each instruction's declared accounts and integer arguments, read once."""
        names = [snake(i["name"]) for i in self.program.idl["instructions"]]
        return {name: (list(declared_accounts(self.program, name).values()),
                       _integer_args(self.program, name)) for name in names}


@dataclass
class Case:
    index: int
    instruction: str
    mutations: list[str] = field(default_factory=list)
    must_fail: bool = False

    def describe(self, seed: int) -> str:
        what = ", ".join(self.mutations) or "unmutated"
        return (f"case {self.index} ({self.instruction}: {what}; replay with "
                f"IONET_FUZZ_SEED={seed} IONET_FUZZ_CASES={self.index + 1})")


@dataclass
class Report:
    outcomes: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self, name: str, seed: int) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        total = sum(self.outcomes.values())
        return f"{name} fuzz: {total} cases in {self.seconds:.1f} s, seed {seed} ({counts})"


def _integer_args(program: Program, instruction: str) -> list[tuple[int, int]]:
    """(offset, size) of the fixed-size integer arguments before the first of variable
    size, after the 8-byte discriminator."""
    sizes = {"u8": 1, "i8": 1, "bool": 1, "u16": 2, "i16": 2, "u32": 4, "i32": 4,
             "u64": 8, "i64": 8, "u128": 16, "i128": 16}
    ix = next(i for i in program.idl["instructions"] if snake(i["name"]) == instruction)
    fields, offset = [], 8
    for arg in ix["args"]:
        kind = arg["type"]
        if kind in ("publicKey", "pubkey"):
            offset += 32
            continue
        if isinstance(kind, dict) and "array" in kind and kind["array"][0] == "u8":
            offset += kind["array"][1]
            continue
        if not isinstance(kind, str) or kind not in sizes:
            break
        fields.append((offset, sizes[kind]))
        offset += sizes[kind]
    return fields


def _constrained(spec: AccountSpec, specs: dict[str, AccountSpec]) -> bool:
    """Whether the definition says what this account must be (another one must fail)."""
    named_by_others = any(
        h.target == spec.name for other in specs.values() for h in other.has_one) or any(
        other.token is not None and other.token.authority is not None
        and other.token.authority.account == spec.name for other in specs.values())
    return bool(spec.signer or spec.account_type or spec.seeds or spec.address
                or spec.program or spec.token or spec.mint_program or spec.program_data
                or named_by_others)


class Mutator:
    """Mutations of one valid instruction; each says whether it must make it fail."""

    def __init__(self, target: Target, rng: random.Random, clones: dict[Pubkey, Pubkey]
                 ) -> None:
        self.target, self.rng, self.clones = target, rng, clones
        self.forged: set[Pubkey] = set()  # the look-alikes and missing accounts put in

    async def apply(self, case: Case, ix: Instruction, signers: list[Keypair]) -> Built:
        data, metas = bytearray(ix.data), list(ix.accounts)
        specs = self.target.instructions[case.instruction][0]
        for _ in range(self.rng.choice((1, 1, 1, 2))):
            kinds = ["discriminator", "truncate", "extend", "extreme", "scramble"]
            if metas:
                kinds += ["swap", "duplicate", "clone", "missing", "other", "signer",
                          "writable"] * 2
            kind = self.rng.choice(kinds)
            if kind in ("discriminator", "truncate", "extend", "extreme", "scramble"):
                self._data(case, kind, data)
            else:
                at = self.rng.randrange(len(metas))
                name = specs[at].name if at < len(specs) else str(at)
                await self._account(case, kind, at, name, metas, signers)
        case.must_fail = self._takes_away(case, ix, data, metas, specs)
        return Instruction(ix.program_id, bytes(data), metas), signers

    def _takes_away(self, case: Case, ix: Instruction, data: bytearray, metas: list[AccountMeta],
                    specs: list[AccountSpec]) -> bool:
        """Whether the mutated instruction lacks what the valid one needs, judged on the
        end result (two flips of one flag cancel; a transaction's account is writable or
        signs when any of its mentions does)."""
        # Data that names no instruction, or ends before its arguments do (unless a length
        # inside it was rewritten), cannot be what any instruction reads.
        rewritten = any(m.startswith(("extreme", "scramble")) for m in case.mutations)
        if bytes(data[:8]) != ix.data[:8] or (len(data) < len(ix.data) and not rewritten):
            return True
        writable = {m.pubkey for m in metas if m.is_writable}
        signing = {m.pubkey for m in metas if m.is_signer}
        by_name = {s.name: s for s in specs}
        for meta, spec in zip(metas, specs, strict=False):
            if (spec.signer and meta.pubkey not in signing) or \
                    (spec.writable and meta.pubkey not in writable):
                return True
            if meta.pubkey in self.forged and _constrained(spec, by_name):
                return True  # a look-alike, or nothing, where the definition names one
        return False

    def _data(self, case: Case, kind: str, data: bytearray) -> None:
        rng = self.rng
        if kind == "discriminator":
            data[:8] = rng.randbytes(8)
        elif kind == "truncate" and len(data) > 0:
            del data[rng.randrange(len(data)):]
        elif kind == "extend":
            data.extend(rng.randbytes(rng.randint(1, 64)))
        elif kind == "extreme" and (fields := self.target.instructions[case.instruction][1]):
            offset, size = rng.choice(fields)
            top = 2 ** (8 * size)
            value = rng.choice((0, 1, top - 1, top - 2, top // 2, top // 2 - 1))
            data[offset:offset + size] = value.to_bytes(size, "little")
        elif kind == "scramble" and len(data) > 8:
            at = rng.randrange(8, len(data))
            data[at:at + rng.randint(1, 8)] = rng.randbytes(min(8, len(data) - at))
        else:
            return
        case.mutations.append(kind)

    async def _account(self, case: Case, kind: str, at: int, name: str,
                       metas: list[AccountMeta], signers: list[Keypair]) -> None:
        rng, meta = self.rng, metas[at]

        def put(key: Pubkey) -> None:
            metas[at] = AccountMeta(key, meta.is_signer and key == meta.pubkey,
                                    meta.is_writable)

        if kind in ("swap", "duplicate"):
            other = rng.randrange(len(metas))
            if metas[other].pubkey == meta.pubkey:
                return
            if kind == "swap":
                metas[at], metas[other] = metas[other], meta
            else:
                metas[at] = AccountMeta(metas[other].pubkey, metas[other].is_signer,
                                        meta.is_writable or metas[other].is_writable)
        elif kind == "clone":
            forged = await self._clone(meta.pubkey)
            self.forged.add(forged)
            put(forged)
        elif kind == "missing":
            forged = Keypair().pubkey()  # an account that never existed (or was closed)
            self.forged.add(forged)
            put(forged)
        elif kind == "other":
            put(rng.choice([k for k in self.target.genuine if k != meta.pubkey]))
        elif kind == "signer":
            if not meta.is_signer:
                return
            metas[at] = AccountMeta(meta.pubkey, False, meta.is_writable)
            signers[:] = [k for k in signers if k.pubkey() != meta.pubkey]
        elif kind == "writable":
            metas[at] = AccountMeta(meta.pubkey, meta.is_signer, not meta.is_writable)
        case.mutations.append(f"{kind} {name}")

    async def _clone(self, key: Pubkey) -> Pubkey:
        """The same bytes and lamports as `key`, under another owner (cached). A look-alike
        cloned again stays itself: flipping its owner back would rebuild the genuine
        account (a token account owned by the token program again) at a forged address."""
        if key in self.clones:
            return self.clones[key]
        if key in self.clones.values():
            return key
        original = await self.target.cluster.account(key)
        clone = Keypair().pubkey()
        if original is not None:
            owner = SYSTEM_PROGRAM_ID if original.owner != SYSTEM_PROGRAM_ID \
                else TOKEN_PROGRAM_ID
            await set_account(self.target.cluster, clone,
                              Account(original.lamports, bytes(original.data), owner))
        self.clones[key] = clone
        return clone


async def set_account(cluster: TestCluster, key: Pubkey, account: Account) -> None:
    await cluster.rpc("ionet_setAccount", str(key), {
        "lamports": account.lamports, "owner": str(account.owner),
        "data": [base64.b64encode(bytes(account.data)).decode(), "base64"],
        "executable": account.executable})


def _fault(failure: SendFailed, target: Target, program_id: Pubkey) -> str | None:
    """Why `failure` is not a clean refusal, or None when it is one."""
    text = str(failure.error)
    for name in RUNTIME_FAULTS:
        if name in text:
            return f"the runtime stopped the program: {name}"
    for line in failure.logs:
        if any(marker in line for marker in FAULT_LOGS):
            return f"the program crashed: {line}"
    failed = [line.split()[1:] for line in failure.logs
              if " failed: custom program error: " in line]
    for index, (program, *rest) in enumerate(failed):
        code = int(rest[-1], 16)
        passed_on = any(code == int(r[-1], 16) for _, *r in failed[:index])
        if program == str(program_id) and not passed_on and code not in target.known_codes:
            return f"an error code the program does not declare: {code}"
    return None


async def follow_admin(rotation: AdminRotation) -> None:
    """After an accept_admin landed, the scene's pending admin is the admin: the keypairs
    swap, so that valid instructions are signed by the admin again and the valid
    propose_admin proposes the former one (admin rotation goes round)."""
    holder, scene = rotation.holder, rotation.scene
    if await rotation.read() == scene.pending_admin.pubkey():
        holder.admin, scene.pending_admin = scene.pending_admin, holder.admin


def corpus_seeds(name: str) -> list[tuple[int, int]]:
    """(seed, cases) of the kept failures of program `name`."""
    if not CORPUS.exists():
        return []
    found = []
    for line in CORPUS.read_text().splitlines():
        parts = line.split("#")[0].split()
        if len(parts) == 3 and parts[0] == name:
            found.append((int(parts[1]), int(parts[2])))
    return found


async def fuzz(target: Target, seed: int, cases: int) -> Report:
    """Runs `cases` cases from `seed`; raises AssertionError on the first wrong outcome."""
    report, clones = Report(), {}
    names = list(target.instructions)
    payer = await target.cluster.new_funded_keypair(1_000 * 10**9)
    started = time.monotonic()
    for index in range(cases):
        rng = random.Random(f"{seed}:{index}")
        case = Case(index, rng.choice(names))
        if target.refresh is not None:
            await target.refresh()
        ix, signers = target.valid(case.instruction)
        if rng.random() < 0.8:
            ix, signers = await Mutator(target, rng, clones).apply(case, ix, list(signers))
        try:
            await target.cluster.send([ix], signers, payer=payer)
        except SendFailed as failure:
            why = _fault(failure, target, ix.program_id)
            assert why is None, f"{target.name} {case.describe(seed)}: {why}\n{failure}"
            report.outcomes["refused"] += 1
            continue
        except ValueError as exc:  # a signer the mutated message needs and nobody holds
            assert "no keypair given" in str(exc), exc
            report.outcomes["unsignable"] += 1
            continue
        assert not case.must_fail, f"{target.name} {case.describe(seed)}: it succeeded"
        try:
            await target.check_books()
        except AssertionError as violation:
            raise AssertionError(f"{target.name} {case.describe(seed)}: the books no longer "
                                 f"add up: {violation}") from violation
        report.outcomes["landed"] += 1
        if case.instruction == "accept_admin" and target.admin is not None:
            await follow_admin(target.admin)
    report.seconds = time.monotonic() - started
    return report


async def run(target: Target) -> None:
    """The kept failures' seeds of the program, then this run's seed."""
    for seed, cases in corpus_seeds(target.name):
        await fuzz(target, seed, cases)
    record(target.name, SEED, await fuzz(target, SEED, CASES))


def record(name: str, seed: int, report: Report) -> None:
    """Keeps the run's outcome counts for the session summary and the security table."""
    LINES.append(report.line(name, seed))
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"fuzz-{name}.json").write_text(json.dumps(
        {"program": name, "seed": seed, "cases": sum(report.outcomes.values()),
         "seconds": round(report.seconds, 1), "outcomes": dict(report.outcomes)}, indent=2))
