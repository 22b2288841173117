"""Links one BPF relocatable object into an SBPF v0 shared object.

`ld.lld` refuses BPF, so this is the linker. The output is what the SBPF v0 loader
(anza-xyz/sbpf `elf.rs`, lenient parser) accepts and what Agave's deployment
verification passes:

    offset = vaddr  ELF header, program headers
                    .text        every input .text*, internal calls resolved pc-relative
                    .rodata      every input .rodata* and .data.rel.ro*, pointers absolute
                    .dynamic     DT_REL/DT_RELSZ/DT_RELENT, DT_SYMTAB, DT_STRTAB
                    .dynsym      one undefined symbol per syscall name
                    .dynstr
                    .rel.dyn     one R_BPF_64_32 per syscall call site
                    .shstrtab, section headers

Read-only sections are loaded at `MM_PROGRAM_START + sh_addr`, and the loader insists
that `sh_addr == sh_offset`, so every allocated section sits at its own file offset.
Every address in code or constant data is resolved here to its final VM address; the
only dynamic relocations left are syscalls, which the loader resolves by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import elf
from .elf import RelocatableObject, Relocation, Section, Symbol
from .syscalls import KNOWN_SYSCALLS

MM_PROGRAM_START = 0x1_0000_0000
"""Where the loader maps the read-only sections (`ebpf::MM_REGION_SIZE`)."""

INSN_SIZE = 8
OP_LDDW = 0x18
OP_CALL_IMM = 0x85
OP_CALL_REG = 0x8D

# Sections the runtime has no use for: unwinding tables (programs abort on panic),
# debug info, BTF, notes. Relocations against them are not applied.
_DISCARDED_PREFIXES = (".eh_frame", ".debug", ".BTF", ".comment", ".note", ".llvm")


class LinkError(Exception):
    """The object contains something SBPF v0 would reject, or that we do not understand."""


@dataclass(frozen=True)
class LinkedProgram:
    elf: bytes
    text_size: int
    rodata_size: int
    syscalls: tuple[str, ...]

    @property
    def instructions(self) -> int:
        """Instruction slots in .text (an `lddw` takes two)."""
        return self.text_size // INSN_SIZE


@dataclass
class _Placed:
    section: Section
    address: int  # ELF virtual address == file offset


def _align(value: int, alignment: int) -> int:
    return (value + alignment - 1) // alignment * alignment


def _classify(obj: RelocatableObject) -> tuple[list[Section], list[Section]]:
    text: list[Section] = []
    rodata: list[Section] = []
    for sec in obj.sections:
        if not sec.is_alloc or sec.size == 0 or sec.name.startswith(_DISCARDED_PREFIXES):
            continue
        if sec.flags & elf.SHF_EXECINSTR:
            if not sec.name.startswith(".text"):
                raise LinkError(f"executable section {sec.name} is not a .text section")
            text.append(sec)
        elif sec.name.startswith(".data.rel.ro"):
            rodata.append(sec)  # relocated once at link time, read-only afterwards
        elif sec.type == elf.SHT_NOBITS or sec.flags & elf.SHF_WRITE:
            holders = sorted(s.name for s in obj.symbols
                             if s.section_index == sec.index and s.type != elf.STT_SECTION)
            raise LinkError(
                f"section {sec.name} is writable data, which SBPF v0 does not support "
                f"(symbols: {', '.join(holders) or 'none named'}); "
                "use constants or account data instead of `static mut`"
            )
        elif sec.name.startswith(".rodata"):
            rodata.append(sec)
        else:
            raise LinkError(f"unknown allocated section {sec.name}")
    if not text:
        raise LinkError("the object has no .text section")
    return text, rodata


class _Image:
    """The output's code and constant data while relocations are applied."""

    def __init__(self, text: list[_Placed], rodata: list[_Placed]) -> None:
        self.placed = {p.section.index: p for p in text + rodata}
        self.text_start = text[0].address
        self.text_end = text[-1].address + text[-1].section.size
        self.start = self.text_start
        end = (rodata or text)[-1]
        self.bytes = bytearray(end.address + end.section.size - self.start)
        for p in text + rodata:
            offset = p.address - self.start
            self.bytes[offset : offset + p.section.size] = p.section.data

    def symbol_address(self, sym: Symbol, context: str) -> int:
        if sym.section_index in (elf.SHN_UNDEF, elf.SHN_COMMON):
            raise LinkError(f"{context}: undefined symbol {sym.name!r}")
        if sym.section_index == elf.SHN_ABS:
            raise LinkError(f"{context}: absolute symbol {sym.name!r} is not supported")
        placed = self.placed.get(sym.section_index)
        if placed is None:
            raise LinkError(f"{context}: symbol {sym.name!r} lives in a discarded section")
        return placed.address + sym.value

    def u32(self, address: int) -> int:
        return int.from_bytes(self.bytes[address - self.start : address - self.start + 4],
                              "little")

    def put_u32(self, address: int, value: int) -> None:
        o = address - self.start
        self.bytes[o : o + 4] = (value & 0xFFFFFFFF).to_bytes(4, "little")

    def u64(self, address: int) -> int:
        return int.from_bytes(self.bytes[address - self.start : address - self.start + 8],
                              "little")

    def put_u64(self, address: int, value: int) -> None:
        o = address - self.start
        self.bytes[o : o + 8] = value.to_bytes(8, "little")

    def opcode(self, address: int) -> int:
        return self.bytes[address - self.start]

    def in_text(self, address: int) -> bool:
        return self.text_start <= address < self.text_end


def _relocate(image: _Image, where: _Placed, reloc: Relocation, syscall_sites: list[
        tuple[int, str]]) -> None:
    site = where.address + reloc.offset
    sym = reloc.symbol
    name = elf.RELOCATION_NAMES.get(reloc.type, f"type {reloc.type}")
    context = f"{name} at {where.section.name}+{reloc.offset:#x}"
    in_text = image.in_text(site)

    if reloc.type == elf.R_BPF_64_64 and in_text:
        if image.opcode(site) != OP_LDDW:
            raise LinkError(f"{context}: target is not an lddw instruction")
        target = image.symbol_address(sym, context) + image.u32(site + 4)
        address = MM_PROGRAM_START + target
        image.put_u32(site + 4, address)
        image.put_u32(site + INSN_SIZE + 4, address >> 32)
    elif reloc.type == elf.R_BPF_64_32 and in_text:
        if image.opcode(site) != OP_CALL_IMM:
            raise LinkError(f"{context}: target is not a call instruction")
        if sym.section_index == elf.SHN_UNDEF:
            if sym.name not in KNOWN_SYSCALLS:
                raise LinkError(
                    f"{context}: call to undefined function {sym.name!r}, which is not an "
                    "SBPF syscall (there is no compiler runtime: no __multi3, memcpy, ...)"
                )
            image.put_u32(site + 4, 0xFFFFFFFF)  # call -1: the loader patches in the hash
            image.bytes[site - image.start + 1] &= 0x0F  # src = 0: an external call
            syscall_sites.append((site, sym.name))
            return
        # Implicit addend: the callee is at S + (imm + 1) * 8 (imm = -1 for a function).
        imm = int.from_bytes(image.bytes[site - image.start + 4 : site - image.start + 8],
                             "little", signed=True)
        target = image.symbol_address(sym, context) + (imm + 1) * INSN_SIZE
        if not image.in_text(target) or (target - image.text_start) % INSN_SIZE:
            raise LinkError(f"{context}: call target {sym.name!r} is not an instruction")
        image.put_u32(site + 4, (target - (site + INSN_SIZE)) // INSN_SIZE)
    elif reloc.type == elf.R_BPF_64_ABS64 and not in_text:
        target = image.symbol_address(sym, context) + image.u64(site)
        image.put_u64(site, MM_PROGRAM_START + target)
    elif reloc.type == elf.R_BPF_64_ABS32 and not in_text:
        # A 32-bit field cannot hold a VM address (>= 4 GiB); ELF semantics give the
        # section-relative virtual address, which is what such fields are used for.
        target = image.symbol_address(sym, context) + image.u32(site)
        if target > 0xFFFFFFFF:
            raise LinkError(f"{context}: value {target:#x} does not fit 32 bits")
        image.put_u32(site, target)
    else:
        where_kind = "code" if in_text else "data"
        raise LinkError(f"{context}: relocation {name} in {where_kind} is not supported "
                        f"(symbol {sym.name!r})")


def _fix_indirect_calls(image: _Image) -> None:
    """Moves the register of `callx` from the dst field (upstream) to imm (SBPF v0)."""
    for address in range(image.text_start, image.text_end, INSN_SIZE):
        if image.opcode(address) == OP_CALL_REG:
            dst = image.bytes[address - image.start + 1] & 0x0F
            image.put_u32(address + 4, dst)


def _entrypoint(obj: RelocatableObject, image: _Image) -> int:
    for sym in obj.symbols:
        if sym.name == "entrypoint" and sym.bind in (elf.STB_GLOBAL, elf.STB_WEAK):
            address = image.symbol_address(sym, "entrypoint")
            if not image.in_text(address):
                raise LinkError("symbol 'entrypoint' is not in .text")
            return address
    raise LinkError("missing entrypoint: no global symbol named 'entrypoint'")


class _StringTable:
    def __init__(self) -> None:
        self.data = bytearray(b"\0")
        self.offsets: dict[str, int] = {"": 0}

    def add(self, name: str) -> int:
        if name not in self.offsets:
            self.offsets[name] = len(self.data)
            self.data += name.encode() + b"\0"
        return self.offsets[name]


def link(object_bytes: bytes) -> LinkedProgram:
    """Links a BPF relocatable object into a deployable SBPF v0 program."""
    try:
        obj = elf.read_relocatable(object_bytes)
    except elf.ElfFormatError as err:
        raise LinkError(str(err)) from err
    text_sections, rodata_sections = _classify(obj)

    phnum = 4 if rodata_sections else 3
    cursor = elf.EHDR.size + phnum * elf.PHDR.size
    text: list[_Placed] = []
    for sec in text_sections:
        cursor = _align(cursor, max(sec.align, INSN_SIZE))
        text.append(_Placed(sec, cursor))
        cursor += sec.size
    rodata: list[_Placed] = []
    for sec in rodata_sections:
        cursor = _align(cursor, sec.align)
        rodata.append(_Placed(sec, cursor))
        cursor += sec.size

    image = _Image(text, rodata)
    syscall_sites: list[tuple[int, str]] = []
    for placed in text + rodata:
        for reloc in obj.relocations.get(placed.section.index, []):
            _relocate(image, placed, reloc, syscall_sites)
    _fix_indirect_calls(image)
    entry = _entrypoint(obj, image)
    return _write(image, text, rodata, entry, syscall_sites)


def _write(image: _Image, text: list[_Placed], rodata: list[_Placed], entry: int,
           syscall_sites: list[tuple[int, str]]) -> LinkedProgram:
    text_start, text_end = image.text_start, image.text_end
    ro_start = rodata[0].address if rodata else text_end
    ro_end = image.start + len(image.bytes)

    syscalls = sorted({name for _, name in syscall_sites})
    dynstr = _StringTable()
    dynsym = bytearray(elf.SYM.size)  # index 0: the null symbol
    sym_index = {}
    for i, name in enumerate(syscalls, start=1):
        sym_index[name] = i
        dynsym += elf.SYM.pack(dynstr.add(name), (elf.STB_GLOBAL << 4) | elf.STT_FUNC, 0,
                               elf.SHN_UNDEF, 0, 0)
    rel_dyn = b"".join(elf.REL.pack(site, (sym_index[name] << 32) | elf.R_BPF_64_32)
                       for site, name in syscall_sites)

    dynamic_at = _align(ro_end, 8)
    n_dyn = 5 + (4 if rel_dyn else 0)
    dynsym_at = dynamic_at + n_dyn * elf.DYN.size
    dynstr_at = dynsym_at + len(dynsym)
    rel_at = _align(dynstr_at + len(dynstr.data), 8)
    dyn_end = rel_at + len(rel_dyn)
    entries = [(elf.DT_SYMTAB, dynsym_at), (elf.DT_STRTAB, dynstr_at),
               (elf.DT_STRSZ, len(dynstr.data)), (elf.DT_SYMENT, elf.SYM.size)]
    if rel_dyn:
        entries += [(elf.DT_REL, rel_at), (elf.DT_RELSZ, len(rel_dyn)),
                    (elf.DT_RELENT, elf.REL.size), (elf.DT_TEXTREL, 0)]
    entries.append((elf.DT_NULL, 0))
    dynamic = b"".join(elf.DYN.pack(tag, value) for tag, value in entries)

    shstrtab = _StringTable()
    shstrtab_at = dyn_end
    sections: list[tuple[str, int, int, int, int, int, int, int, int]] = [
        # name, type, flags, address/offset, size, link, info, align, entsize
        (".text", elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_EXECINSTR, text_start,
         text_end - text_start, 0, 0, INSN_SIZE, 0),
    ]
    if rodata:
        sections.append((".rodata", elf.SHT_PROGBITS, elf.SHF_ALLOC, ro_start,
                         ro_end - ro_start, 0, 0, max(p.section.align for p in rodata), 0))
    dynstr_index = len(sections) + 3
    dynsym_index = len(sections) + 2
    sections += [
        (".dynamic", elf.SHT_DYNAMIC, elf.SHF_ALLOC | elf.SHF_WRITE, dynamic_at, len(dynamic),
         dynstr_index, 0, 8, elf.DYN.size),
        (".dynsym", elf.SHT_DYNSYM, elf.SHF_ALLOC, dynsym_at, len(dynsym), dynstr_index, 1, 8,
         elf.SYM.size),
        (".dynstr", elf.SHT_STRTAB, elf.SHF_ALLOC, dynstr_at, len(dynstr.data), 0, 0, 1, 0),
    ]
    if rel_dyn:
        sections.append((".rel.dyn", elf.SHT_REL, elf.SHF_ALLOC, rel_at, len(rel_dyn),
                         dynsym_index, 0, 8, elf.REL.size))
    for s in sections:
        shstrtab.add(s[0])
    shstrtab.add(".shstrtab")
    shoff = _align(shstrtab_at + len(shstrtab.data), 8)
    shnum = len(sections) + 2

    phdrs = [elf.PHDR.pack(elf.PT_LOAD, elf.PF_R | elf.PF_X, text_start, text_start,
                           text_start, text_end - text_start, text_end - text_start, 8)]
    if rodata:
        phdrs.append(elf.PHDR.pack(elf.PT_LOAD, elf.PF_R, ro_start, ro_start, ro_start,
                                   ro_end - ro_start, ro_end - ro_start, 8))
    phdrs.append(elf.PHDR.pack(elf.PT_LOAD, elf.PF_R, dynamic_at, dynamic_at, dynamic_at,
                               dyn_end - dynamic_at, dyn_end - dynamic_at, 8))
    phdrs.append(elf.PHDR.pack(elf.PT_DYNAMIC, elf.PF_R, dynamic_at, dynamic_at, dynamic_at,
                               len(dynamic), len(dynamic), 8))

    header = elf.EHDR.pack(
        elf.ELFMAG, elf.ELFCLASS64, elf.ELFDATA2LSB, elf.EV_CURRENT, elf.ELFOSABI_NONE, 0,
        bytes(7), elf.ET_DYN, elf.EM_BPF, elf.EV_CURRENT, entry, elf.EHDR.size, shoff,
        0,  # e_flags = 0 selects SBPF v0
        elf.EHDR.size, elf.PHDR.size, len(phdrs), elf.SHDR.size, shnum, shnum - 1,
    )
    out = bytearray(shoff + shnum * elf.SHDR.size)
    out[: len(header)] = header
    out[elf.EHDR.size : elf.EHDR.size + len(phdrs) * elf.PHDR.size] = b"".join(phdrs)
    out[image.start : image.start + len(image.bytes)] = image.bytes
    out[dynamic_at : dynamic_at + len(dynamic)] = dynamic
    out[dynsym_at : dynsym_at + len(dynsym)] = dynsym
    out[dynstr_at : dynstr_at + len(dynstr.data)] = dynstr.data
    out[rel_at : rel_at + len(rel_dyn)] = rel_dyn
    out[shstrtab_at : shstrtab_at + len(shstrtab.data)] = shstrtab.data

    headers = [bytes(elf.SHDR.size)]
    for name, typ, flags, addr, size, link_, info, align, entsize in sections:
        headers.append(elf.SHDR.pack(shstrtab.offsets[name], typ, flags, addr, addr, size,
                                     link_, info, align, entsize))
    headers.append(elf.SHDR.pack(shstrtab.offsets[".shstrtab"], elf.SHT_STRTAB, 0, 0,
                                 shstrtab_at, len(shstrtab.data), 0, 0, 1, 0))
    out[shoff:] = b"".join(headers)
    return LinkedProgram(bytes(out), text_end - text_start, ro_end - ro_start,
                         tuple(syscalls))
