"""Textual LLVM IR fix-ups for what the upstream BPF backend cannot lower.

`llvm.memcpy`/`llvm.memmove`/`llvm.memset` with a length only known at run time become
calls to C's `memcpy`/`memmove`/`memset`, which llc refuses on BPF ("A call to built-in
function 'memset' is not supported"). The runtime provides the same operations as
syscalls, so such calls are rewritten into calls of `sol_memcpy_`, `sol_memmove_` and
`sol_memset_`. So are those of a constant length of `SYSCALL_FROM_BYTES` or more: llc
expands a constant length inline, about one instruction (and compute unit) per 4 bytes
copied, where the syscall costs 10 compute units and a few instructions. Shorter ones
(keys, amounts) are left to llc. The intrinsics return nothing, so the syscalls'
different return value does not matter.
"""

from __future__ import annotations

import re

_SYSCALL_FOR = {"memcpy": "sol_memcpy_", "memmove": "sol_memmove_", "memset": "sol_memset_"}
_DECLARATIONS = {
    "sol_memcpy_": "declare void @sol_memcpy_(ptr, ptr, i64)",
    "sol_memmove_": "declare void @sol_memmove_(ptr, ptr, i64)",
    "sol_memset_": "declare void @sol_memset_(ptr, i8, i64)",
}
_INTRINSIC_CALL = re.compile(
    r"(?P<prefix>(?:tail |musttail |notail )?call void )"
    r"@llvm\.(?P<op>memcpy|memmove|memset)(?:\.inline)?\.[\w.]+"
    r"\((?P<args>.*)\)(?P<suffix>.*)$"
)
_CONSTANT_LENGTH = re.compile(r"^i64 (\d+)$")
SYSCALL_FROM_BYTES = 64


def _split_arguments(text: str) -> list[str]:
    """Splits an IR argument list at top-level commas."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _strip_attributes(argument: str) -> str:
    """`ptr nonnull align 1 %4` -> `ptr %4`; `i8 7` stays."""
    words = argument.split()
    return f"{words[0]} {words[-1]}"


def fix_memory_intrinsics(ir: str) -> tuple[str, int]:
    """Rewrites variable-length and long memory intrinsics into syscalls; returns (ir,
    count)."""
    used: set[str] = set()
    rewritten = 0
    out: list[str] = []
    for line in ir.splitlines():
        match = _INTRINSIC_CALL.search(line)
        if match is not None:
            args = _split_arguments(match["args"])
            length = _CONSTANT_LENGTH.match(_strip_attributes(args[2]))
            if length is None or int(length[1]) >= SYSCALL_FROM_BYTES:
                syscall = _SYSCALL_FOR[match["op"]]
                used.add(syscall)
                rewritten += 1
                operands = ", ".join(_strip_attributes(a) for a in args[:3])
                # Intrinsic call-site metadata (e.g. !noalias) does not apply to a plain call.
                line = (line[: match.start()] + f"{match['prefix']}@{syscall}({operands})")
        out.append(line)
    for syscall in sorted(used):
        if f"@{syscall}(" not in ir:
            out.append(_DECLARATIONS[syscall])
    return "\n".join(out) + "\n", rewritten
