"""Account encodings of the Solana JSON-RPC API, and the ``jsonParsed`` parsers.

``base64+zstd`` is written as a valid Zstandard frame made of raw (stored) blocks:
every zstd decoder reads it, and on loopback compression would cost more than it saves.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Callable, Iterable
from typing import Any, Final

import based58
from solders.account import Account
from solders.address_lookup_table_account import ID as ADDRESS_LOOKUP_TABLE_ID
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID

from ionet.loader_v3 import LOADER_V3_ID
from ionet.localnet.account_index import IndexedAccount
from ionet.localnet.errors import RpcError, invalid_params

JSON = Any
"""A value that ``json.dumps`` accepts."""

TOKEN_PROGRAM: Final = TOKEN_PROGRAM_ID
TOKEN_2022_PROGRAM: Final = TOKEN_2022_PROGRAM_ID
TOKEN_PROGRAMS: Final = (TOKEN_PROGRAM, TOKEN_2022_PROGRAM)
LOADER_V3: Final = LOADER_V3_ID
ADDRESS_LOOKUP_TABLE_PROGRAM: Final = ADDRESS_LOOKUP_TABLE_ID
SYSTEM_PROGRAM: Final = SYSTEM_PROGRAM_ID

MAX_BASE58_BYTES: Final = 128
TOKEN_ACCOUNT_LEN: Final = 165
MINT_LEN: Final = 82
_U64_MAX: Final = (1 << 64) - 1

MintDecimals = Callable[[Pubkey], int | None]
"""Looks up a mint's decimals (None if the mint is unknown)."""


def b58(data: bytes) -> str:
    return based58.b58encode(data).decode()


def b58decode(text: str) -> bytes:
    return bytes(based58.b58decode(text.encode()))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def zstd_frame(data: bytes) -> bytes:
    """A Zstandard frame holding ``data`` in raw blocks (at most 128 KiB each)."""
    # Frame header: single-segment flag (0x20) and an 8-byte content size (FCS flag 3).
    out = bytearray(b"\x28\xb5\x2f\xfd")
    out.append(0xE0)
    out += struct.pack("<Q", len(data))
    block_max = 128 * 1024
    chunks = [data[i : i + block_max] for i in range(0, len(data), block_max)] or [b""]
    for n, chunk in enumerate(chunks):
        last = 1 if n == len(chunks) - 1 else 0
        header = (len(chunk) << 3) | last  # block type 0 = raw
        out += header.to_bytes(3, "little")
        out += chunk
    return bytes(out)


def zstd_raw_decode(frame: bytes) -> bytes:
    """Inverse of :func:`zstd_frame` (only raw and RLE blocks); used by the tests."""
    if frame[:4] != b"\x28\xb5\x2f\xfd":
        raise ValueError("not a zstd frame")
    fhd = frame[4]
    fcs_sizes = {0: 1 if fhd & 0x20 else 0, 1: 2, 2: 4, 3: 8}
    pos = 5 + (0 if fhd & 0x20 else 1) + [0, 1, 2, 4][fhd & 3] + fcs_sizes[fhd >> 6]
    out = bytearray()
    while True:
        header = int.from_bytes(frame[pos : pos + 3], "little")
        pos += 3
        last, kind, size = header & 1, (header >> 1) & 3, header >> 3
        if kind == 0:
            out += frame[pos : pos + size]
            pos += size
        elif kind == 1:
            out += frame[pos : pos + 1] * size
            pos += 1
        else:
            raise ValueError("compressed zstd blocks are not supported here")
        if last:
            return bytes(out)


def _slice_bounds(data_slice: JSON) -> tuple[int, int | None]:
    if not data_slice:
        return 0, None
    try:
        offset = int(data_slice["offset"])
        length = int(data_slice["length"])
    except (KeyError, TypeError, ValueError) as exc:
        raise invalid_params("dataSlice needs integer offset and length") from exc
    if offset < 0 or length < 0:
        raise invalid_params("dataSlice offset and length must be non-negative")
    return offset, offset + length


def _slice(data: bytes, data_slice: JSON) -> bytes:
    start, stop = _slice_bounds(data_slice)
    return data[start:stop]


def encode_data(data: bytes, encoding: str) -> JSON:
    if encoding == "base64":
        return [b64(data), "base64"]
    if encoding == "base64+zstd":
        return [b64(zstd_frame(data)), "base64+zstd"]
    if encoding in ("base58", "binary"):
        if len(data) > MAX_BASE58_BYTES:
            raise RpcError(
                -32600,
                f"Encoded binary (base 58) data should be less than {MAX_BASE58_BYTES} bytes,"
                " please use Base64 encoding.",
            )
        return b58(data) if encoding == "binary" else [b58(data), "base58"]
    raise invalid_params(f"unknown encoding: {encoding}")


ACCOUNT_ENCODINGS: Final = frozenset({"base64", "base64+zstd", "base58", "binary", "jsonParsed"})


def check_encoding(encoding: str) -> None:
    if encoding not in ACCOUNT_ENCODINGS:
        raise invalid_params(f"Invalid params: unknown variant `{encoding}`")


def encode_account(
    pubkey: Pubkey,
    account: Account | IndexedAccount,
    encoding: str,
    data_slice: JSON = None,
    mint_decimals: MintDecimals | None = None,
) -> JSON:
    """A ``UiAccount``: lamports, data (in ``encoding``), owner, executable, rentEpoch, space."""
    data = account.data
    if encoding == "jsonParsed":
        parsed = None if data_slice else parse_account(pubkey, account, mint_decimals)
        encoded: JSON = parsed if parsed is not None else encode_data(_slice(data, data_slice),
                                                                        "base64")
    else:
        encoded = encode_data(_slice(data, data_slice), encoding)
    return _ui_account(account, encoded, str(account.owner))


def _ui_account(account: Account | IndexedAccount, encoded: JSON, owner: str) -> JSON:
    return {
        "lamports": account.lamports,
        "data": encoded,
        "owner": owner,
        "executable": account.executable,
        "rentEpoch": min(account.rent_epoch, _U64_MAX),
        "space": len(account.data),
    }


def encode_keyed_accounts(accounts: Iterable[IndexedAccount], encoding: str,
                          data_slice: JSON = None,
                          mint_decimals: MintDecimals | None = None) -> list[JSON]:
    """``[{pubkey, account}]``, each account as :func:`encode_account` writes it; what
    accounts share (their owner, equal data after the slice) is formatted once."""
    if encoding == "jsonParsed":
        return [{"pubkey": a.address,
                 "account": encode_account(a.pubkey, a, encoding, data_slice, mint_decimals)}
                for a in accounts]
    start, stop = _slice_bounds(data_slice)
    owners: dict[Pubkey, str] = {}
    encoded: dict[bytes, JSON] = {}
    out = []
    for a in accounts:
        data = a.data[start:stop]
        value = encoded.get(data)
        if value is None:
            value = encoded[data] = encode_data(data, encoding)
        owner = owners.get(a.owner)
        if owner is None:
            owner = owners[a.owner] = str(a.owner)
        out.append({"pubkey": a.address, "account": _ui_account(a, value, owner)})
    return out


# ---------------------------------------------------------------- jsonParsed


def ui_token_amount(amount: int, decimals: int) -> JSON:
    if decimals:
        whole, frac = divmod(amount, 10**decimals)
        text = f"{whole}.{frac:0{decimals}d}".rstrip("0").rstrip(".")
    else:
        text = str(amount)
    return {
        "amount": str(amount),
        "decimals": decimals,
        "uiAmount": amount / 10**decimals,
        "uiAmountString": text,
    }


def _coption_pubkey(data: bytes, offset: int) -> str | None:
    (tag,) = struct.unpack_from("<I", data, offset)
    return str(Pubkey.from_bytes(data[offset + 4 : offset + 36])) if tag == 1 else None


_EXTENSION_NAMES: Final = {
    0: "uninitialized",
    1: "transferFeeConfig",
    2: "transferFeeAmount",
    3: "mintCloseAuthority",
    4: "confidentialTransferMint",
    5: "confidentialTransferAccount",
    6: "defaultAccountState",
    7: "immutableOwner",
    8: "memoTransfer",
    9: "nonTransferable",
    10: "interestBearingConfig",
    11: "cpiGuard",
    12: "permanentDelegate",
    13: "nonTransferableAccount",
    14: "transferHook",
    15: "transferHookAccount",
    16: "confidentialTransferFeeConfig",
    17: "confidentialTransferFeeAmount",
    18: "metadataPointer",
    19: "tokenMetadata",
    20: "groupPointer",
    21: "tokenGroup",
    22: "groupMemberPointer",
    23: "tokenGroupMember",
    24: "confidentialMintBurn",
    25: "scaledUiAmountConfig",
    26: "pausableConfig",
    27: "pausableAccount",
}


def _extensions(data: bytes) -> list[JSON]:
    """Token-2022 TLV extensions after the account-type byte (names, plus simple states)."""
    out: list[JSON] = []
    pos = TOKEN_ACCOUNT_LEN + 1
    while pos + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, pos)
        value = data[pos + 4 : pos + 4 + length]
        pos += 4 + length
        if kind == 0:
            break
        name = _EXTENSION_NAMES.get(kind, "unparseableExtension")
        entry: JSON = {"extension": name}
        if kind == 3 and length == 32:
            entry["state"] = {"closeAuthority": _nonzero_key(value)}
        elif kind == 12 and length == 32:
            entry["state"] = {"delegate": _nonzero_key(value)}
        elif kind == 18 and length == 64:
            entry["state"] = {
                "authority": _nonzero_key(value[:32]),
                "metadataAddress": _nonzero_key(value[32:]),
            }
        out.append(entry)
    return out


def _nonzero_key(raw: bytes) -> str | None:
    return None if raw == bytes(32) else str(Pubkey.from_bytes(raw))


def token_account_fields(data: bytes) -> tuple[Pubkey, Pubkey, int] | None:
    """(mint, owner, amount) of an initialized SPL token account, else None."""
    if len(data) < TOKEN_ACCOUNT_LEN or len(data) == MINT_LEN:
        return None
    if len(data) > TOKEN_ACCOUNT_LEN and data[TOKEN_ACCOUNT_LEN] != 2:
        return None
    if data[108] == 0:
        return None
    (amount,) = struct.unpack_from("<Q", data, 64)
    return Pubkey.from_bytes(data[0:32]), Pubkey.from_bytes(data[32:64]), amount


def mint_fields(data: bytes) -> tuple[int, int] | None:
    """(supply, decimals) of an initialized mint, else None."""
    if len(data) < MINT_LEN:
        return None
    if len(data) > MINT_LEN and (len(data) <= TOKEN_ACCOUNT_LEN or data[TOKEN_ACCOUNT_LEN] != 1):
        return None
    if not data[45]:
        return None
    (supply,) = struct.unpack_from("<Q", data, 36)
    return supply, data[44]


def parse_token(data: bytes, program: Pubkey, mint_decimals: MintDecimals | None) -> JSON:
    is_2022 = program == TOKEN_2022_PROGRAM
    minted = mint_fields(data)
    if minted is not None:
        supply, own_decimals = minted
        info: JSON = {
            "mintAuthority": _coption_pubkey(data, 0),
            "supply": str(supply),
            "decimals": own_decimals,
            "isInitialized": True,
            "freezeAuthority": _coption_pubkey(data, 46),
        }
        if is_2022 and len(data) > TOKEN_ACCOUNT_LEN:
            info["extensions"] = _extensions(data)
        return {"type": "mint", "info": info}
    fields = token_account_fields(data)
    if fields is None:
        return None
    mint, owner, amount = fields
    found = mint_decimals(mint) if mint_decimals else None
    if found is None:
        return None
    decimals = found
    state = {1: "initialized", 2: "frozen"}.get(data[108], "uninitialized")
    (native_tag,) = struct.unpack_from("<I", data, 109)
    info = {
        "isNative": native_tag == 1,
        "mint": str(mint),
        "owner": str(owner),
        "state": state,
        "tokenAmount": ui_token_amount(amount, decimals),
    }
    delegate = _coption_pubkey(data, 72)
    if delegate is not None:
        info["delegate"] = delegate
        info["delegatedAmount"] = ui_token_amount(struct.unpack_from("<Q", data, 121)[0], decimals)
    if native_tag == 1:
        info["rentExemptReserve"] = ui_token_amount(struct.unpack_from("<Q", data, 113)[0],
                                                    decimals)
    close_authority = _coption_pubkey(data, 129)
    if close_authority is not None:
        info["closeAuthority"] = close_authority
    if is_2022 and len(data) > TOKEN_ACCOUNT_LEN:
        info["extensions"] = _extensions(data)
    return {"type": "account", "info": info}


def _parse_loader_v3(data: bytes) -> JSON:
    if len(data) < 4:
        return None
    (tag,) = struct.unpack_from("<I", data)
    if tag == 0:
        return {"type": "uninitialized"}
    if tag == 1 and len(data) >= 37:
        return {
            "type": "buffer",
            "info": {"authority": _option_key(data, 4), "data": [b64(data[37:]), "base64"]},
        }
    if tag == 2 and len(data) >= 36:
        return {"type": "program", "info": {"programData": str(Pubkey.from_bytes(data[4:36]))}}
    if tag == 3 and len(data) >= 45:
        return {
            "type": "programData",
            "info": {
                "slot": struct.unpack_from("<Q", data, 4)[0],
                "authority": _option_key(data, 12),
                "data": [b64(data[45:]), "base64"],
            },
        }
    return None


def _option_key(data: bytes, offset: int) -> str | None:
    return str(Pubkey.from_bytes(data[offset + 1 : offset + 33])) if data[offset] else None


def lookup_table_addresses(data: bytes) -> list[Pubkey]:
    return [Pubkey.from_bytes(data[i : i + 32]) for i in range(56, len(data) - 31, 32)]


def _parse_lookup_table(data: bytes) -> JSON:
    if len(data) < 56:
        return None
    (tag,) = struct.unpack_from("<I", data)
    if tag == 0:
        return {"type": "uninitialized"}
    deactivation, last_extended, start = struct.unpack_from("<QQB", data, 4)
    return {
        "type": "lookupTable",
        "info": {
            "deactivationSlot": str(deactivation),
            "lastExtendedSlot": str(last_extended),
            "lastExtendedSlotStartIndex": start,
            "authority": _option_key(data, 21),
            "addresses": [str(k) for k in lookup_table_addresses(data)],
        },
    }


def _parse_nonce(data: bytes) -> JSON:
    if len(data) != 80:
        return None
    (_version, state) = struct.unpack_from("<II", data)
    if state == 0:
        return {"type": "uninitialized"}
    return {
        "type": "initialized",
        "info": {
            "authority": str(Pubkey.from_bytes(data[8:40])),
            "blockhash": b58(data[40:72]),
            "feeCalculator": {"lamportsPerSignature": str(struct.unpack_from("<Q", data, 72)[0])},
        },
    }


def parse_account(
    pubkey: Pubkey, account: Account | IndexedAccount, mint_decimals: MintDecimals | None
) -> JSON:
    """The ``jsonParsed`` form ``{program, parsed, space}``, or None when not parseable."""
    owner = account.owner
    data = account.data
    parsed: JSON = None
    program = ""
    try:
        if owner in TOKEN_PROGRAMS:
            program = "spl-token-2022" if owner == TOKEN_2022_PROGRAM else "spl-token"
            parsed = parse_token(data, owner, mint_decimals)
        elif owner == LOADER_V3:
            program, parsed = "bpf-upgradeable-loader", _parse_loader_v3(data)
        elif owner == ADDRESS_LOOKUP_TABLE_PROGRAM:
            program, parsed = "address-lookup-table", _parse_lookup_table(data)
        elif owner == SYSTEM_PROGRAM and len(data) == 80:
            program, parsed = "nonce", _parse_nonce(data)
    except (struct.error, ValueError, IndexError):
        parsed = None
    if parsed is None:
        return None
    return {"program": program, "parsed": parsed, "space": len(data)}
