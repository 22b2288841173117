"""Pure builders and decoders for the BPF Upgradeable Loader (loader v3).

Instruction data is bincode: a u32 little-endian variant tag, then the fields
(u32/u64 little-endian, ``Vec<u8>`` as a u64 length and the bytes). Account
states are bincode too: a u32 tag, then the fields, ``Option<Pubkey>`` as a
u8 flag and 32 bytes. Layouts and account orders follow
``solana-loader-v3-interface`` and Agave's ``programs/bpf_loader`` processor.
The optional trailing ``close_buffer``/``tombstone`` bytes that newer SDKs
append are omitted: the runtime treats a missing byte as the old behaviour.
"""

import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import CreateAccountParams, create_account
from solders.sysvar import CLOCK, RENT
from solders.transaction import Transaction

__all__ = [
    "BUFFER_METADATA_SIZE",
    "LOADER_V3_ID",
    "PACKET_DATA_SIZE",
    "PROGRAMDATA_METADATA_SIZE",
    "PROGRAM_ACCOUNT_SIZE",
    "ProgramData",
    "Step",
    "buffer_authority",
    "buffer_steps",
    "close_buffer",
    "decode_program",
    "decode_programdata",
    "deploy_step",
    "deploy_with_max_data_len",
    "encode_program",
    "encode_programdata",
    "extend_program",
    "extend_program_checked",
    "initialize_buffer",
    "programdata_address",
    "set_upgrade_authority",
    "upgrade",
    "upgrade_step",
    "write",
    "write_chunk_size",
]

LOADER_V3_ID: Final = Pubkey.from_string("BPFLoaderUpgradeab1e11111111111111111111111")

BUFFER_METADATA_SIZE: Final = 37
"""u32 tag + Option<Pubkey> authority; the program bytes follow."""
PROGRAMDATA_METADATA_SIZE: Final = 45
"""u32 tag + u64 slot + Option<Pubkey> upgrade authority; the program bytes follow."""
PROGRAM_ACCOUNT_SIZE: Final = 36
"""u32 tag + programdata address."""
PACKET_DATA_SIZE: Final = 1232
"""Largest serialized transaction a cluster accepts."""

# UpgradeableLoaderInstruction variant tags.
_INITIALIZE_BUFFER: Final = 0
_WRITE: Final = 1
_DEPLOY_WITH_MAX_DATA_LEN: Final = 2
_UPGRADE: Final = 3
_SET_AUTHORITY: Final = 4
_CLOSE: Final = 5
_EXTEND_PROGRAM: Final = 6
_EXTEND_PROGRAM_CHECKED: Final = 9

# UpgradeableLoaderState variant tags.
_STATE_BUFFER: Final = 1
_STATE_PROGRAM: Final = 2
_STATE_PROGRAMDATA: Final = 3


def programdata_address(program_id: Pubkey) -> Pubkey:
    """The ProgramData account of ``program_id``: the PDA of ``[program_id]``."""
    return Pubkey.find_program_address([bytes(program_id)], LOADER_V3_ID)[0]


def _ix(tag: int, fields: bytes, accounts: list[AccountMeta]) -> Instruction:
    return Instruction(LOADER_V3_ID, struct.pack("<I", tag) + fields, accounts)


def initialize_buffer(buffer: Pubkey, authority: Pubkey) -> Instruction:
    """InitializeBuffer: ``[w] buffer, [] authority``.

    Send it in the transaction that creates ``buffer`` (owner = loader,
    ``BUFFER_METADATA_SIZE + program length`` bytes), or anyone may claim it.
    """
    return _ix(
        _INITIALIZE_BUFFER,
        b"",
        [AccountMeta(buffer, False, True), AccountMeta(authority, False, False)],
    )


def write(buffer: Pubkey, authority: Pubkey, offset: int, data: bytes) -> Instruction:
    """Write ``{offset: u32, bytes: Vec<u8>}``: ``[w] buffer, [s] authority``."""
    return _ix(
        _WRITE,
        struct.pack("<IQ", offset, len(data)) + data,
        [AccountMeta(buffer, False, True), AccountMeta(authority, True, False)],
    )


def deploy_with_max_data_len(
    payer: Pubkey, program_id: Pubkey, buffer: Pubkey, authority: Pubkey, max_data_len: int
) -> Instruction:
    """DeployWithMaxDataLen ``{max_data_len: u64}``.

    Accounts: ``[ws] payer, [w] programdata, [w] program, [w] buffer, [] rent,
    [] clock, [] system program, [s] authority``. Send it in the transaction
    that creates the program account (``PROGRAM_ACCOUNT_SIZE`` bytes, owner =
    loader). The buffer's lamports go to ``payer``, which then pays the
    ProgramData rent.
    """
    return _ix(
        _DEPLOY_WITH_MAX_DATA_LEN,
        struct.pack("<Q", max_data_len),
        [
            AccountMeta(payer, True, True),
            AccountMeta(programdata_address(program_id), False, True),
            AccountMeta(program_id, False, True),
            AccountMeta(buffer, False, True),
            AccountMeta(RENT, False, False),
            AccountMeta(CLOCK, False, False),
            AccountMeta(SYSTEM_PROGRAM_ID, False, False),
            AccountMeta(authority, True, False),
        ],
    )


def upgrade(program_id: Pubkey, buffer: Pubkey, authority: Pubkey, spill: Pubkey) -> Instruction:
    """Upgrade: ``[w] programdata, [w] program, [w] buffer, [w] spill, [] rent, [] clock,
    [s] authority``. Lamports left over from the buffer go to ``spill``."""
    return _ix(
        _UPGRADE,
        b"",
        [
            AccountMeta(programdata_address(program_id), False, True),
            AccountMeta(program_id, False, True),
            AccountMeta(buffer, False, True),
            AccountMeta(spill, False, True),
            AccountMeta(RENT, False, False),
            AccountMeta(CLOCK, False, False),
            AccountMeta(authority, True, False),
        ],
    )


def set_upgrade_authority(
    program_id: Pubkey, current_authority: Pubkey, new_authority: Pubkey | None
) -> Instruction:
    """SetAuthority on a program: ``[w] programdata, [s] current authority,
    [] new authority``; no new authority makes the program immutable."""
    accounts = [
        AccountMeta(programdata_address(program_id), False, True),
        AccountMeta(current_authority, True, False),
    ]
    if new_authority is not None:
        accounts.append(AccountMeta(new_authority, False, False))
    return _ix(_SET_AUTHORITY, b"", accounts)


def close_buffer(buffer: Pubkey, recipient: Pubkey, authority: Pubkey) -> Instruction:
    """Close a buffer: ``[w] buffer, [w] recipient, [s] authority``."""
    return _ix(
        _CLOSE,
        b"",
        [
            AccountMeta(buffer, False, True),
            AccountMeta(recipient, False, True),
            AccountMeta(authority, True, False),
        ],
    )


def extend_program(program_id: Pubkey, payer: Pubkey, additional_bytes: int) -> Instruction:
    """ExtendProgram ``{additional_bytes: u32}``: ``[w] programdata, [w] program,
    [] system program, [ws] payer``. ``payer`` funds the extra rent."""
    return _ix(
        _EXTEND_PROGRAM,
        struct.pack("<I", additional_bytes),
        [
            AccountMeta(programdata_address(program_id), False, True),
            AccountMeta(program_id, False, True),
            AccountMeta(SYSTEM_PROGRAM_ID, False, False),
            AccountMeta(payer, True, True),
        ],
    )


def extend_program_checked(
    program_id: Pubkey, authority: Pubkey, payer: Pubkey, additional_bytes: int
) -> Instruction:
    """ExtendProgramChecked ``{additional_bytes: u32}`` (tag 9, after Migrate = 8).

    Accounts: ``[w] programdata, [w] program, [s] authority, [] system program,
    [ws] payer``. Newer runtimes, once the feature ``enable_extend_program_checked``
    is active, accept only this form; the LiteSVM of solders 0.26 accepts only
    ``extend_program``.
    """
    return _ix(
        _EXTEND_PROGRAM_CHECKED,
        struct.pack("<I", additional_bytes),
        [
            AccountMeta(programdata_address(program_id), False, True),
            AccountMeta(program_id, False, True),
            AccountMeta(authority, True, False),
            AccountMeta(SYSTEM_PROGRAM_ID, False, False),
            AccountMeta(payer, True, True),
        ],
    )


@dataclass(frozen=True)
class ProgramData:
    """A decoded ProgramData account."""

    slot: int
    """Slot of the last deployment or upgrade."""
    upgrade_authority: Pubkey | None
    """None once the program is immutable."""
    program_len: int
    """Capacity for program bytes (the max data length)."""


def _tag(data: bytes, expected: int, size: int, what: str) -> None:
    if len(data) < size or struct.unpack_from("<I", data)[0] != expected:
        raise ValueError(f"not a loader-v3 {what} account")


def _option_pubkey(data: bytes, offset: int) -> Pubkey | None:
    if data[offset] == 0:
        return None
    return Pubkey.from_bytes(data[offset + 1 : offset + 33])


def decode_program(data: bytes) -> Pubkey:
    """The programdata address stored in a Program account."""
    _tag(data, _STATE_PROGRAM, PROGRAM_ACCOUNT_SIZE, "Program")
    return Pubkey.from_bytes(data[4:36])


def encode_program(programdata: Pubkey) -> bytes:
    """A Program account's data (the inverse of :func:`decode_program`)."""
    return struct.pack("<I", _STATE_PROGRAM) + bytes(programdata)


def encode_programdata(slot: int, upgrade_authority: Pubkey | None, elf: bytes) -> bytes:
    """A ProgramData account's data: header, then the program bytes."""
    authority = b"\x00" * 33 if upgrade_authority is None else b"\x01" + bytes(upgrade_authority)
    return struct.pack("<IQ", _STATE_PROGRAMDATA, slot) + authority + elf


def decode_programdata(data: bytes) -> ProgramData:
    """Decode a ProgramData account's header."""
    _tag(data, _STATE_PROGRAMDATA, PROGRAMDATA_METADATA_SIZE, "ProgramData")
    (slot,) = struct.unpack_from("<Q", data, 4)
    return ProgramData(slot, _option_pubkey(data, 12), len(data) - PROGRAMDATA_METADATA_SIZE)


def buffer_authority(data: bytes) -> Pubkey | None:
    """The authority of a Buffer account (None: immutable)."""
    _tag(data, _STATE_BUFFER, BUFFER_METADATA_SIZE, "Buffer")
    return _option_pubkey(data, 4)


# ---------------------------------------------------------------- deployment plans


@dataclass(frozen=True)
class Step:
    """One transaction of a deployment: what it does, its instructions, its signers."""

    name: str
    instructions: list[Instruction]
    signers: list[Keypair]


def write_chunk_size(payer: Keypair, authority: Keypair) -> int:
    """Most program bytes one Write transaction can carry (a 1232-byte packet)."""
    probe = write(Pubkey.default(), authority.pubkey(), 0, b"")
    signers = [payer] if payer.pubkey() == authority.pubkey() else [payer, authority]
    message = Message([probe], payer.pubkey())
    empty = len(bytes(Transaction(signers, message, message.recent_blockhash)))
    # The data length prefix (compact-u16) grows from 1 to 2 bytes past 127 bytes.
    return PACKET_DATA_SIZE - empty - 1


def _signers(*keypairs: Keypair) -> list[Keypair]:
    return list({k.pubkey(): k for k in keypairs}.values())


def buffer_steps(payer: Keypair, authority: Keypair, buffer: Keypair, elf: bytes,
                 rent: Callable[[int], int]) -> list[Step]:
    """Create a buffer owned by ``authority`` and write ``elf`` into it, chunk by chunk.

    The write steps are independent of each other and may be sent concurrently.
    """
    if not elf:
        raise ValueError("the program is empty")
    size = BUFFER_METADATA_SIZE + len(elf)
    steps = [Step("create buffer", [
        create_account(CreateAccountParams(from_pubkey=payer.pubkey(),
                                           to_pubkey=buffer.pubkey(), lamports=rent(size),
                                           space=size, owner=LOADER_V3_ID)),
        initialize_buffer(buffer.pubkey(), authority.pubkey()),
    ], _signers(payer, buffer))]
    chunk = write_chunk_size(payer, authority)
    for offset in range(0, len(elf), chunk):
        steps.append(Step(f"write buffer at offset {offset}", [
            write(buffer.pubkey(), authority.pubkey(), offset, elf[offset : offset + chunk])
        ], _signers(payer, authority)))
    return steps


def deploy_step(payer: Keypair, program: Keypair, authority: Keypair, buffer: Pubkey,
                max_data_len: int, rent: Callable[[int], int]) -> Step:
    """Create the program account and deploy the buffer into it."""
    return Step("deploy", [
        create_account(CreateAccountParams(
            from_pubkey=payer.pubkey(), to_pubkey=program.pubkey(),
            lamports=rent(PROGRAM_ACCOUNT_SIZE), space=PROGRAM_ACCOUNT_SIZE,
            owner=LOADER_V3_ID)),
        deploy_with_max_data_len(payer.pubkey(), program.pubkey(), buffer,
                                 authority.pubkey(), max_data_len),
    ], _signers(payer, program, authority))


def upgrade_step(payer: Keypair, program_id: Pubkey, authority: Keypair,
                 buffer: Pubkey) -> Step:
    """Replace the program's code with the buffer's; the buffer's lamports go to payer."""
    return Step("upgrade", [upgrade(program_id, buffer, authority.pubkey(), payer.pubkey())],
                _signers(payer, authority))
