"""ELF64 little-endian structures: constants, a reader for relocatable objects, packers.

Only what the linker needs: sections, symbols and REL relocations of the `ET_REL`
object that `llc -march=bpfel` writes, and the record layouts of the shared object
that the SBPF loader reads.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

ELFMAG = b"\x7fELF"
ELFCLASS64 = 2
ELFDATA2LSB = 1
EV_CURRENT = 1
ELFOSABI_NONE = 0
ET_REL = 1
ET_DYN = 3
EM_BPF = 247

SHT_NULL = 0
SHT_PROGBITS = 1
SHT_SYMTAB = 2
SHT_STRTAB = 3
SHT_RELA = 4
SHT_DYNAMIC = 6
SHT_NOBITS = 8
SHT_REL = 9
SHT_DYNSYM = 11

SHF_WRITE = 0x1
SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4

SHN_UNDEF = 0
SHN_ABS = 0xFFF1
SHN_COMMON = 0xFFF2

STB_LOCAL = 0
STB_GLOBAL = 1
STB_WEAK = 2
STT_NOTYPE = 0
STT_OBJECT = 1
STT_FUNC = 2
STT_SECTION = 3

PT_LOAD = 1
PT_DYNAMIC = 2
PF_X = 1
PF_R = 4

DT_NULL = 0
DT_STRTAB = 5
DT_SYMTAB = 6
DT_STRSZ = 10
DT_SYMENT = 11
DT_REL = 17
DT_RELSZ = 18
DT_RELENT = 19
DT_TEXTREL = 22

# BPF relocation types (llvm/BinaryFormat/ELFRelocs/BPF.def).
R_BPF_NONE = 0
R_BPF_64_64 = 1
R_BPF_64_ABS64 = 2
R_BPF_64_ABS32 = 3
R_BPF_64_NODYLD32 = 4
R_BPF_64_RELATIVE = 8
R_BPF_64_32 = 10

RELOCATION_NAMES = {
    R_BPF_NONE: "R_BPF_NONE",
    R_BPF_64_64: "R_BPF_64_64",
    R_BPF_64_ABS64: "R_BPF_64_ABS64",
    R_BPF_64_ABS32: "R_BPF_64_ABS32",
    R_BPF_64_NODYLD32: "R_BPF_64_NODYLD32",
    R_BPF_64_RELATIVE: "R_BPF_64_RELATIVE",
    R_BPF_64_32: "R_BPF_64_32",
}

EHDR = struct.Struct("<4sBBBBB7sHHIQQQIHHHHHH")
SHDR = struct.Struct("<IIQQQQIIQQ")
PHDR = struct.Struct("<IIQQQQQQ")
SYM = struct.Struct("<IBBHQQ")
REL = struct.Struct("<QQ")
DYN = struct.Struct("<qQ")


class ElfFormatError(ValueError):
    """The input is not the kind of ELF object the linker understands."""


@dataclass
class Section:
    index: int
    name: str
    type: int
    flags: int
    offset: int
    size: int
    link: int
    info: int
    align: int
    entsize: int
    data: bytes

    @property
    def is_alloc(self) -> bool:
        return bool(self.flags & SHF_ALLOC)


@dataclass(frozen=True)
class Symbol:
    index: int
    name: str
    bind: int
    type: int
    section_index: int
    value: int
    size: int


@dataclass(frozen=True)
class Relocation:
    offset: int
    type: int
    symbol: Symbol


@dataclass
class RelocatableObject:
    sections: list[Section]
    symbols: list[Symbol]
    relocations: dict[int, list[Relocation]] = field(default_factory=dict)
    """Relocations keyed by the index of the section they patch."""


def _cstring(table: bytes, offset: int) -> str:
    end = table.find(b"\0", offset)
    if end < 0:
        raise ElfFormatError(f"unterminated string at offset {offset} of a string table")
    return table[offset:end].decode("utf-8", "replace")


def read_relocatable(data: bytes) -> RelocatableObject:
    """Parses an ELF64 little-endian BPF relocatable object (`ET_REL`)."""
    if len(data) < EHDR.size or data[:4] != ELFMAG:
        raise ElfFormatError("not an ELF file")
    (_, ei_class, ei_data, _, _, _, _, e_type, e_machine, _, _, _, e_shoff, _, _, _, _,
     e_shentsize, e_shnum, e_shstrndx) = EHDR.unpack_from(data)
    if ei_class != ELFCLASS64 or ei_data != ELFDATA2LSB:
        raise ElfFormatError("not a 64-bit little-endian ELF file")
    if e_type != ET_REL:
        raise ElfFormatError(f"expected a relocatable object (ET_REL), got e_type={e_type}")
    if e_machine != EM_BPF:
        raise ElfFormatError(f"expected e_machine EM_BPF (247), got {e_machine}")
    if e_shentsize != SHDR.size:
        raise ElfFormatError(f"unexpected section header size {e_shentsize}")

    raw = [SHDR.unpack_from(data, e_shoff + i * SHDR.size) for i in range(e_shnum)]
    shstr = raw[e_shstrndx]
    shstrtab = data[shstr[4] : shstr[4] + shstr[5]]
    sections = []
    for index, (name, typ, flags, _, off, size, link, info, align, entsize) in enumerate(raw):
        body = b"" if typ == SHT_NOBITS else data[off : off + size]
        sections.append(
            Section(index, _cstring(shstrtab, name), typ, flags, off, size, link, info,
                    max(align, 1), entsize, body)
        )

    symbols: list[Symbol] = []
    symtab = next((s for s in sections if s.type == SHT_SYMTAB), None)
    if symtab is not None:
        strtab = sections[symtab.link].data
        for i in range(symtab.size // SYM.size):
            st_name, st_info, _, st_shndx, st_value, st_size = SYM.unpack_from(
                symtab.data, i * SYM.size
            )
            name = _cstring(strtab, st_name)
            if st_info & 0xF == STT_SECTION and st_shndx < len(sections):
                name = sections[st_shndx].name
            symbols.append(Symbol(i, name, st_info >> 4, st_info & 0xF, st_shndx, st_value,
                                  st_size))

    obj = RelocatableObject(sections, symbols)
    for sec in sections:
        if sec.type == SHT_RELA:
            target = sections[sec.info]
            if target.is_alloc:
                raise ElfFormatError(
                    f"section {sec.name}: RELA relocations are not produced for BPF; "
                    "refusing to guess their meaning"
                )
        if sec.type != SHT_REL:
            continue
        relocs = []
        for i in range(sec.size // REL.size):
            r_offset, r_info = REL.unpack_from(sec.data, i * REL.size)
            relocs.append(Relocation(r_offset, r_info & 0xFFFFFFFF, symbols[r_info >> 32]))
        obj.relocations[sec.info] = relocs
    return obj
