"""The linker: every relocation our programs need, resolved as the runtime expects, and a
clear refusal for everything SBPF v0 would reject. Fixtures are BPF assembly, so each
test controls exactly which relocation the object holds; linked programs are deployed
through the upgradeable loader and run."""

from __future__ import annotations

import struct
from collections.abc import Callable

import pytest

from sbfbuild import elf
from sbfbuild.linker import MM_PROGRAM_START, LinkError, link

Assembler = Callable[[str], bytes]

ENTRY = """
    .text
    .globl entrypoint
    .type entrypoint,@function
entrypoint:
"""

EVERY_RELOCATION = ENTRY + """
    r1 = message ll             # R_BPF_64_64 against .rodata
    r2 = 5
    call sol_log_               # R_BPF_64_32 against a syscall
    call helper                 # R_BPF_64_32 against a defined function
    r6 = r0
    r1 = table ll               # R_BPF_64_64 against .data.rel.ro
    r2 = 12
    call sol_set_return_data
    r0 = r6
    r0 -= 7
    exit
    .globl helper
    .type helper,@function
helper:
    r0 = 7
    exit

    .section .rodata,"a",@progbits
message:
    .ascii "hello"
    .section .data.rel.ro,"aw",@progbits
    .p2align 3
table:
    .quad message               # R_BPF_64_ABS64
    .long message               # R_BPF_64_ABS32
"""


def sections(image: bytes) -> dict[str, tuple[int, int, int]]:
    """name -> (type, address, offset) of a linked program."""
    header = elf.EHDR.unpack_from(image)
    shoff, shnum, shstrndx = header[12], header[18], header[19]
    raw = [elf.SHDR.unpack_from(image, shoff + i * elf.SHDR.size) for i in range(shnum)]
    names = image[raw[shstrndx][4] : raw[shstrndx][4] + raw[shstrndx][5]]
    out = {}
    for name, typ, _, addr, off, *_ in raw[1:]:
        out[names[name : names.index(b"\0", name)].decode()] = (typ, addr, off)
    return out


def test_every_relocation_resolves_and_runs(assemble: Assembler, runtime) -> None:
    linked = link(assemble(EVERY_RELOCATION))
    assert linked.syscalls == ("sol_log_", "sol_set_return_data")

    meta = runtime.call(linked.elf)

    assert "Program log: hello" in meta.logs()  # lddw of rodata + syscall
    message = sections(linked.elf)[".rodata"][1]
    pointer, short = struct.unpack("<QI", bytes(meta.return_data().data))
    assert pointer == MM_PROGRAM_START + message  # ABS64: a VM address
    assert short == message  # ABS32: the ELF virtual address


def test_output_is_what_the_sbpf_v0_loader_wants(assemble: Assembler) -> None:
    image = link(assemble(EVERY_RELOCATION)).elf
    header = elf.EHDR.unpack_from(image)
    assert header[7] == elf.ET_DYN and header[8] == elf.EM_BPF
    assert header[13] == 0  # e_flags = 0 selects SBPF v0
    found = sections(image)
    assert [n for n in found if n == ".text"] == [".text"]
    for name in (".text", ".rodata", ".dynamic", ".dynsym", ".dynstr", ".rel.dyn"):
        _, addr, off = found[name]
        assert addr == off, name
    entry = header[10]
    assert found[".text"][1] == entry  # entrypoint is the first function here


def test_indirect_call_register_moves_to_imm(assemble: Assembler, runtime) -> None:
    source = ENTRY + """
    r2 = target ll
    callx r2
    exit
    .type target,@function
target:
    r0 = 0
    exit
"""
    linked = link(assemble(source))
    text = sections(linked.elf)[".text"][2]
    callx = linked.elf[text + 16 : text + 24]
    assert callx[0] == 0x8D and struct.unpack_from("<i", callx, 4)[0] == 2
    runtime.call(linked.elf)  # succeeds: the call reached `target`


@pytest.mark.parametrize(
    ("section", "symbol"),
    [(".data", "counter"), (".bss", "counter"), (".data.local", "counter")],
)
def test_refuses_writable_data(assemble: Assembler, section: str, symbol: str) -> None:
    kind = "@nobits" if section == ".bss" else "@progbits"
    source = ENTRY + f"""
    r0 = 0
    exit
    .section {section},"aw",{kind}
{symbol}:
    .quad 0
"""
    with pytest.raises(LinkError, match=rf"{section}.*writable.*{symbol}"):
        link(assemble(source))


def test_refuses_missing_entrypoint(assemble: Assembler) -> None:
    source = """
    .text
    .globl start
start:
    r0 = 0
    exit
"""
    with pytest.raises(LinkError, match="missing entrypoint"):
        link(assemble(source))


def test_refuses_unknown_syscall(assemble: Assembler) -> None:
    source = ENTRY + """
    call sol_does_not_exist
    exit
"""
    with pytest.raises(LinkError, match=r"'sol_does_not_exist'.*not an SBPF syscall"):
        link(assemble(source))


def test_refuses_compiler_runtime_calls(assemble: Assembler) -> None:
    source = ENTRY + """
    call __multi3
    exit
"""
    with pytest.raises(LinkError, match="__multi3"):
        link(assemble(source))


def with_relocation_type(obj: bytes, section: str, new_type: int) -> bytes:
    """The object with the first relocation of `section` changed to `new_type`."""
    parsed = elf.read_relocatable(obj)
    rel = next(s for s in parsed.sections if s.name == f".rel{section}")
    out = bytearray(obj)
    info = struct.unpack_from("<Q", out, rel.offset + 8)[0]
    struct.pack_into("<Q", out, rel.offset + 8, (info & ~0xFFFFFFFF) | new_type)
    return bytes(out)


@pytest.mark.parametrize("kind", [elf.R_BPF_64_NODYLD32, elf.R_BPF_64_RELATIVE, 77])
def test_refuses_unknown_relocation(assemble: Assembler, kind: int) -> None:
    source = ENTRY + """
    r0 = 0
    exit
    .section .rodata,"a",@progbits
value:
    .quad entrypoint
"""
    obj = with_relocation_type(assemble(source), ".rodata", kind)
    name = elf.RELOCATION_NAMES.get(kind, f"type {kind}")
    with pytest.raises(LinkError, match=rf"{name} at \.rodata\+0x0.*not supported.*entrypoint"):
        link(obj)


def test_refuses_data_relocation_in_code(assemble: Assembler) -> None:
    source = ENTRY + """
    r1 = value ll
    exit
    .section .rodata,"a",@progbits
value:
    .quad 0
"""
    obj = with_relocation_type(assemble(source), ".text", elf.R_BPF_64_ABS64)
    with pytest.raises(LinkError, match=r"R_BPF_64_ABS64 at \.text.*in code is not supported"):
        link(obj)


def test_refuses_undefined_data_symbol(assemble: Assembler) -> None:
    source = ENTRY + """
    r1 = elsewhere ll
    exit
"""
    with pytest.raises(LinkError, match="undefined symbol 'elsewhere'"):
        link(assemble(source))


def test_refuses_other_objects() -> None:
    with pytest.raises(LinkError, match="not an ELF file"):
        link(b"garbage")


def test_loader_deploys_a_linked_program(assemble: Assembler, runtime) -> None:
    """Deployment runs the runtime's verification (ELF parse, relocation, verifier)."""
    program = runtime.deploy(link(assemble(EVERY_RELOCATION)).elf)
    assert runtime.svm.get_account(program.pubkey()).executable
