"""Instructions in ``jsonParsed`` form, as Agave's transaction-status crate writes them.

``parse_instruction`` gives ``{program, programId, parsed: {type, info}, stackHeight}``
for the programs Agave parses and we implement here (system, SPL Token and Token-2022 with
its pointer extensions, associated token accounts, memo, BPF loader and upgradeable
loader, address lookup tables) and, for any other program or an instruction that does
not decode, ``{programId, accounts, data, stackHeight}`` (base-58 data), as Agave falls
back to. Compute-budget instructions are among the latter in Agave too; so are, here,
Token-2022's other extension instructions (transfer fees, confidential transfers, ...)
and the stake and vote programs' instructions, which Agave parses.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any, Final

from solders.pubkey import Pubkey

from ionet.localnet.encoding import (
    _EXTENSION_NAMES,
    ADDRESS_LOOKUP_TABLE_PROGRAM,
    JSON,
    LOADER_V3,
    SYSTEM_PROGRAM,
    TOKEN_PROGRAMS,
    b58,
    b58decode,
    b64,
    ui_token_amount,
)

ASSOCIATED_TOKEN_PROGRAM: Final = Pubkey.from_string(
    "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL")
MEMO_PROGRAMS: Final = frozenset(Pubkey.from_string(k) for k in (
    "Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo", "MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr"))
BPF_LOADER: Final = Pubkey.from_string("BPFLoader2111111111111111111111111111111111")


class NotParsable(Exception):
    """The instruction does not decode (Agave then shows it partially decoded)."""


class _Reader:
    """Little-endian fields of bincode/Borsh instruction data."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise NotParsable("data too short")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def u8(self) -> int:
        return self.take(1)[0]

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def u64(self) -> int:
        return int(struct.unpack("<Q", self.take(8))[0])

    def f64(self) -> float:
        return float(struct.unpack("<d", self.take(8))[0])

    def pubkey(self) -> str:
        return str(Pubkey.from_bytes(self.take(32)))

    def coption_pubkey(self) -> str | None:
        """SPL Token's COption<Pubkey> in instruction data: a u8 tag, then the key."""
        return self.pubkey() if self.u8() == 1 else None

    def string(self) -> str:
        try:
            return self.take(self.u64()).decode()
        except UnicodeDecodeError as exc:
            raise NotParsable("seed is not UTF-8") from exc

    def vec_bytes(self) -> bytes:
        return self.take(self.u64())


class _Accounts:
    """An instruction's accounts by position, with Agave's count check."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys

    def need(self, n: int) -> None:
        if len(self.keys) < n:
            raise NotParsable("not enough accounts")

    def named(self, *names: str) -> dict[str, JSON]:
        self.need(len(names))
        return dict(zip(names, self.keys, strict=False))

    def optional(self, index: int) -> str | None:
        return self.keys[index] if len(self.keys) > index else None


Parsed = tuple[str, JSON]
"""(instruction type, info)."""


# ------------------------------------------------------------------ system


def _parse_system(data: bytes, a: _Accounts) -> Parsed:
    r = _Reader(data)
    tag = r.u32()
    if tag == 0:
        info = a.named("source", "newAccount")
        return "createAccount", {**info, "lamports": r.u64(), "space": r.u64(),
                                 "owner": r.pubkey()}
    if tag == 1:
        return "assign", {**a.named("account"), "owner": r.pubkey()}
    if tag == 2:
        return "transfer", {**a.named("source", "destination"), "lamports": r.u64()}
    if tag == 3:
        info = a.named("source", "newAccount")
        return "createAccountWithSeed", {**info, "base": r.pubkey(), "seed": r.string(),
                                         "lamports": r.u64(), "space": r.u64(),
                                         "owner": r.pubkey()}
    if tag == 4:
        return "advanceNonce", a.named("nonceAccount", "recentBlockhashesSysvar",
                                       "nonceAuthority")
    if tag == 5:
        return "withdrawFromNonce", {**a.named("nonceAccount", "destination",
                                               "recentBlockhashesSysvar", "rentSysvar",
                                               "nonceAuthority"), "lamports": r.u64()}
    if tag == 6:
        return "initializeNonce", {**a.named("nonceAccount", "recentBlockhashesSysvar",
                                             "rentSysvar"), "nonceAuthority": r.pubkey()}
    if tag == 7:
        return "authorizeNonce", {**a.named("nonceAccount", "nonceAuthority"),
                                  "newAuthorized": r.pubkey()}
    if tag == 8:
        return "allocate", {**a.named("account"), "space": r.u64()}
    if tag == 9:
        return "allocateWithSeed", {**a.named("account"), "base": r.pubkey(),
                                    "seed": r.string(), "space": r.u64(), "owner": r.pubkey()}
    if tag == 10:
        return "assignWithSeed", {**a.named("account"), "base": r.pubkey(),
                                  "seed": r.string(), "owner": r.pubkey()}
    if tag == 11:
        info = a.named("source", "sourceBase", "destination")
        return "transferWithSeed", {**info, "lamports": r.u64(), "sourceSeed": r.string(),
                                    "sourceOwner": r.pubkey()}
    if tag == 12:
        return "upgradeNonce", a.named("nonceAccount")
    raise NotParsable(f"system instruction {tag}")


# ------------------------------------------------------------------- token

_AUTHORITY_TYPES: Final = (
    "mintTokens", "freezeAccount", "accountOwner", "closeAccount", "transferFeeConfig",
    "withheldWithdraw", "closeMint", "interestRate", "permanentDelegate",
    "confidentialTransferMint", "transferHookProgramId", "confidentialTransferFeeConfig",
    "metadataPointer", "groupPointer", "groupMemberPointer", "scaledUiAmount", "pause",
    "permissionedBurn",
)
_MINT_AUTHORITY_TYPES: Final = frozenset(_AUTHORITY_TYPES) - {"accountOwner", "closeAccount"}


def _signers(info: dict[str, JSON], a: _Accounts, index: int, single: str,
             multisig: str) -> dict[str, JSON]:
    """The authority at ``index``; a multisig when signer accounts follow it."""
    if len(a.keys) > index + 1:
        info[multisig] = a.keys[index]
        info["signers"] = a.keys[index + 1 :]
    elif len(a.keys) > index:
        info[single] = a.keys[index]
    return info


def _token_amount(r: _Reader) -> JSON:
    amount = r.u64()
    return ui_token_amount(amount, r.u8())


# (type, account names, authority index, single name, multisig name)
_TOKEN_SIMPLE: Final[dict[int, tuple[str, tuple[str, ...], str, str]]] = {
    3: ("transfer", ("source", "destination"), "authority", "multisigAuthority"),
    4: ("approve", ("source", "delegate"), "owner", "multisigOwner"),
    7: ("mintTo", ("mint", "account"), "mintAuthority", "multisigMintAuthority"),
    8: ("burn", ("account", "mint"), "authority", "multisigAuthority"),
}
_TOKEN_NO_DATA: Final[dict[int, tuple[str, tuple[str, ...], str, str]]] = {
    5: ("revoke", ("source",), "owner", "multisigOwner"),
    9: ("closeAccount", ("account", "destination"), "owner", "multisigOwner"),
    10: ("freezeAccount", ("account", "mint"), "freezeAuthority", "multisigFreezeAuthority"),
    11: ("thawAccount", ("account", "mint"), "freezeAuthority", "multisigFreezeAuthority"),
    38: ("withdrawExcessLamports", ("source", "destination"), "authority",
         "multisigAuthority"),
}
_TOKEN_CHECKED: Final[dict[int, tuple[str, tuple[str, ...], str, str]]] = {
    12: ("transferChecked", ("source", "mint", "destination"), "authority",
         "multisigAuthority"),
    13: ("approveChecked", ("source", "mint", "delegate"), "owner", "multisigOwner"),
    14: ("mintToChecked", ("mint", "account"), "mintAuthority", "multisigMintAuthority"),
    15: ("burnChecked", ("account", "mint"), "authority", "multisigAuthority"),
}


def _parse_token(data: bytes, a: _Accounts) -> Parsed:
    r = _Reader(data)
    tag = r.u8()
    if tag in _TOKEN_SIMPLE:
        kind, names, single, multisig = _TOKEN_SIMPLE[tag]
        a.need(len(names) + 1)
        info = {**a.named(*names), "amount": str(r.u64())}
        return kind, _signers(info, a, len(names), single, multisig)
    if tag in _TOKEN_NO_DATA:
        kind, names, single, multisig = _TOKEN_NO_DATA[tag]
        a.need(len(names) + 1)
        return kind, _signers(a.named(*names), a, len(names), single, multisig)
    if tag in _TOKEN_CHECKED:
        kind, names, single, multisig = _TOKEN_CHECKED[tag]
        a.need(len(names) + 1)
        info = {**a.named(*names), "tokenAmount": _token_amount(r)}
        return kind, _signers(info, a, len(names), single, multisig)
    if tag in (0, 20):  # InitializeMint, InitializeMint2
        names = ("mint", "rentSysvar") if tag == 0 else ("mint",)
        accounts = a.named(*names)
        info = {"mint": accounts["mint"], "decimals": r.u8(), "mintAuthority": r.pubkey()}
        freeze = r.coption_pubkey()
        if freeze is not None:
            info["freezeAuthority"] = freeze
        if tag == 0:
            info["rentSysvar"] = accounts["rentSysvar"]
        return ("initializeMint" if tag == 0 else "initializeMint2"), info
    if tag == 1:
        return "initializeAccount", a.named("account", "mint", "owner", "rentSysvar")
    if tag == 16:
        return "initializeAccount2", {**a.named("account", "mint", "rentSysvar"),
                                      "owner": r.pubkey()}
    if tag == 18:
        return "initializeAccount3", {**a.named("account", "mint"), "owner": r.pubkey()}
    if tag in (2, 19):
        fixed = ("multisig", "rentSysvar") if tag == 2 else ("multisig",)
        a.need(len(fixed) + 1)
        info = {**a.named(*fixed), "signers": a.keys[len(fixed):], "m": r.u8()}
        return ("initializeMultisig" if tag == 2 else "initializeMultisig2"), info
    if tag == 6:
        a.need(2)
        index = r.u8()
        if index >= len(_AUTHORITY_TYPES):
            raise NotParsable("authority type")
        authority_type = _AUTHORITY_TYPES[index]
        owned = "mint" if authority_type in _MINT_AUTHORITY_TYPES else "account"
        info = {owned: a.keys[0], "authorityType": authority_type,
                "newAuthority": r.coption_pubkey()}
        return "setAuthority", _signers(info, a, 1, "authority", "multisigAuthority")
    if tag == 17:
        return "syncNative", a.named("account")
    if tag == 22:
        return "initializeImmutableOwner", a.named("account")
    if tag == 23:
        return "amountToUiAmount", {**a.named("mint"), "amount": str(r.u64())}
    if tag == 24:
        return "uiAmountToAmount", {**a.named("mint"),
                                    "uiAmount": r.take(len(data) - 1).decode()}
    if tag == 25:
        return "initializeMintCloseAuthority", {**a.named("mint"),
                                                "newAuthority": r.coption_pubkey()}
    if tag == 31:
        return "createNativeMint", a.named("payer", "nativeMint", "systemProgram")
    if tag == 32:
        return "initializeNonTransferableMint", a.named("mint")
    if tag == 35:
        return "initializePermanentDelegate", {**a.named("mint"), "delegate": r.pubkey()}
    if tag == 21:
        info = a.named("mint")
        kinds = [int.from_bytes(r.take(2), "little") for _ in range((len(data) - 1) // 2)]
        if kinds:
            info["extensionTypes"] = [_EXTENSION_NAMES.get(k, "unparseableExtension")
                                      for k in kinds]
        return "getAccountDataSize", info
    if tag in _POINTERS:
        return _parse_pointer(tag, r, a)
    raise NotParsable(f"token instruction {tag}")


# Token-2022's pointer extensions (the ones our programs' mint allow-list admits):
# extension instruction -> (name, address field).
_POINTERS: Final = {39: ("MetadataPointer", "metadataAddress"),
                    40: ("GroupPointer", "groupAddress"),
                    41: ("GroupMemberPointer", "memberAddress")}


def _nonzero_pubkey(r: _Reader) -> str | None:
    """An ``OptionalNonZeroPubkey``: 32 bytes, all zeros for None."""
    raw = r.take(32)
    return str(Pubkey.from_bytes(raw)) if any(raw) else None


def _parse_pointer(tag: int, r: _Reader, a: _Accounts) -> Parsed:
    name, field = _POINTERS[tag]
    action = r.u8()
    if action == 0:
        info: dict[str, JSON] = a.named("mint")
        authority, address = _nonzero_pubkey(r), _nonzero_pubkey(r)
        if authority is not None:
            info["authority"] = authority
        if address is not None:
            info[field] = address
        return f"initialize{name}", info
    if action == 1:
        a.need(2)
        info = {"mint": a.keys[0]}
        address = _nonzero_pubkey(r)
        if address is not None:
            info[field] = address
        return f"update{name}", _signers(info, a, 1, "authority", "multisigAuthority")
    raise NotParsable(f"{name} instruction {action}")


# ----------------------------------------------------------- other programs


def _parse_associated_token(data: bytes, a: _Accounts) -> Parsed:
    tag = data[0] if data else 0
    if tag in (0, 1):
        info = a.named("source", "account", "wallet", "mint", "systemProgram", "tokenProgram")
        return ("create" if tag == 0 else "createIdempotent"), info
    if tag == 2:
        return "recoverNested", a.named("nestedSource", "nestedMint", "destination",
                                        "nestedOwner", "ownerMint", "wallet", "tokenProgram")
    raise NotParsable(f"associated token instruction {tag}")


def _parse_bpf_loader(data: bytes, a: _Accounts) -> Parsed:
    r = _Reader(data)
    tag = r.u32()
    if tag == 0:
        offset = r.u32()
        return "write", {"offset": offset, "bytes": b64(r.vec_bytes()),
                         **a.named("account")}
    if tag == 1:
        a.need(2)
        return "finalize", {"account": a.keys[0]}
    raise NotParsable(f"loader instruction {tag}")


def _parse_upgradeable_loader(data: bytes, a: _Accounts) -> Parsed:
    r = _Reader(data)
    tag = r.u32()
    if tag == 0:
        info = a.named("account")
        if len(a.keys) > 1:
            info["authority"] = a.keys[1]
        return "initializeBuffer", info
    if tag == 1:
        offset = r.u32()
        return "write", {"offset": offset, "bytes": b64(r.vec_bytes()),
                         **a.named("account", "authority")}
    if tag == 2:
        return "deployWithMaxDataLen", {"maxDataLen": r.u64(), **a.named(
            "payerAccount", "programDataAccount", "programAccount", "bufferAccount",
            "rentSysvar", "clockSysvar", "systemProgram", "authority")}
    if tag == 3:
        return "upgrade", a.named("programDataAccount", "programAccount", "bufferAccount",
                                  "spillAccount", "rentSysvar", "clockSysvar", "authority")
    if tag == 4:
        return "setAuthority", {**a.named("account", "authority"),
                                "newAuthority": a.optional(2)}
    if tag == 5:
        return "close", {**a.named("account", "recipient", "authority"),
                         "programAccount": a.optional(3)}
    if tag == 6:
        return "extendProgram", {"additionalBytes": r.u32(),
                                 **a.named("programDataAccount", "programAccount"),
                                 "systemProgram": a.optional(2), "payerAccount": a.optional(3)}
    if tag == 7:
        return "setAuthorityChecked", a.named("account", "authority", "newAuthority")
    if tag == 9:
        return "extendProgramChecked", {
            "additionalBytes": r.u32(),
            **a.named("programDataAccount", "programAccount", "authority"),
            "systemProgram": a.optional(3), "payerAccount": a.optional(4)}
    raise NotParsable(f"upgradeable loader instruction {tag}")


def _parse_lookup_table(data: bytes, a: _Accounts) -> Parsed:
    r = _Reader(data)
    tag = r.u32()
    if tag == 0:
        return "createLookupTable", {
            **a.named("lookupTableAccount", "lookupTableAuthority", "payerAccount",
                      "systemProgram"), "recentSlot": r.u64(), "bumpSeed": r.u8()}
    if tag in (1, 3):
        info = a.named("lookupTableAccount", "lookupTableAuthority")
        return ("freezeLookupTable" if tag == 1 else "deactivateLookupTable"), info
    if tag == 2:
        info = a.named("lookupTableAccount", "lookupTableAuthority")
        if len(a.keys) > 2:
            a.need(4)
            info.update(payerAccount=a.keys[2], systemProgram=a.keys[3])
        count = r.u64()
        info["newAddresses"] = [r.pubkey() for _ in range(count)]
        return "extendLookupTable", info
    if tag == 4:
        return "closeLookupTable", a.named("lookupTableAccount", "lookupTableAuthority",
                                           "recipient")
    raise NotParsable(f"lookup table instruction {tag}")


_PARSERS: Final[dict[Pubkey, tuple[str, Callable[[bytes, _Accounts], Parsed]]]] = {
    SYSTEM_PROGRAM: ("system", _parse_system),
    **{program: ("spl-token", _parse_token) for program in TOKEN_PROGRAMS},
    ASSOCIATED_TOKEN_PROGRAM: ("spl-associated-token-account", _parse_associated_token),
    BPF_LOADER: ("bpf-loader", _parse_bpf_loader),
    LOADER_V3: ("bpf-upgradeable-loader", _parse_upgradeable_loader),
    ADDRESS_LOOKUP_TABLE_PROGRAM: ("address-lookup-table", _parse_lookup_table),
}


def parse_instruction(program_id: Pubkey, accounts: list[Pubkey], data: bytes,
                      stack_height: int | None) -> JSON:
    """One instruction in ``jsonParsed`` form (parsed, or else partially decoded)."""
    keys = [str(k) for k in accounts]
    try:
        if program_id in MEMO_PROGRAMS:
            return {"program": "spl-memo", "programId": str(program_id),
                    "parsed": data.decode(), "stackHeight": stack_height}
        found = _PARSERS.get(program_id)
        if found is not None:
            name, parse = found
            kind, info = parse(data, _Accounts(keys))
            return {"program": name, "programId": str(program_id),
                    "parsed": {"type": kind, "info": info}, "stackHeight": stack_height}
    except (NotParsable, UnicodeDecodeError, ValueError):
        pass
    return {"programId": str(program_id), "accounts": keys, "data": b58(data),
            "stackHeight": stack_height}


def parsed_inner_instructions(inner: Any, keys: list[Pubkey]) -> JSON:
    """``innerInstructions`` of a transaction's meta (compiled form) in parsed form."""
    return [
        {"index": group["index"],
         "instructions": [parse_instruction(keys[ix["programIdIndex"]],
                                            [keys[i] for i in ix["accounts"]],
                                            b58decode(ix["data"]), ix.get("stackHeight"))
                          for ix in group["instructions"]]}
        for group in inner or []
    ]
