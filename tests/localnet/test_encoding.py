"""Account encodings and jsonParsed, as pure functions."""

from __future__ import annotations

import json
import struct

from hypothesis import given
from hypothesis import strategies as st
from solders.account import Account
from solders.pubkey import Pubkey
from solders.rpc.responses import GetAccountInfoResp

from ionet.localnet.encoding import (
    TOKEN_2022_PROGRAM,
    TOKEN_PROGRAM,
    encode_account,
    parse_account,
    ui_token_amount,
    zstd_frame,
    zstd_raw_decode,
)


def _coption(key: Pubkey | None) -> bytes:
    return struct.pack("<I", 1) + bytes(key) if key else bytes(36)


def _mint(authority: Pubkey, supply: int, decimals: int) -> bytes:
    return _coption(authority) + struct.pack("<QBB", supply, decimals, 1) + _coption(None)


def _token_account(mint: Pubkey, owner: Pubkey, amount: int) -> bytes:
    return (bytes(mint) + bytes(owner) + struct.pack("<Q", amount) + _coption(None)
            + bytes([1]) + bytes(12) + struct.pack("<Q", 0) + _coption(None))


@given(st.binary(max_size=300_000))
def test_zstd_frames_round_trip(data: bytes) -> None:
    assert zstd_raw_decode(zstd_frame(data)) == data


def test_solders_reads_our_zstd_frames() -> None:
    data = bytes(range(256)) * 700  # more than one 128 KiB block
    account = Account(5, data, Pubkey.new_unique())
    value = encode_account(Pubkey.new_unique(), account, "base64+zstd")
    doc = json.dumps({"jsonrpc": "2.0", "id": 1,
                      "result": {"context": {"slot": 1}, "value": value}})
    parsed = GetAccountInfoResp.from_json(doc)
    assert parsed.value is not None and bytes(parsed.value.data) == data


def test_ui_token_amount() -> None:
    assert ui_token_amount(1_234_567, 6)["uiAmountString"] == "1.234567"
    assert ui_token_amount(1_000_000, 6)["uiAmountString"] == "1"
    assert ui_token_amount(5, 0) == {"amount": "5", "decimals": 0, "uiAmount": 5.0,
                                     "uiAmountString": "5"}
    assert ui_token_amount(10, 3)["uiAmountString"] == "0.01"


def test_token_2022_mint_with_an_extension_and_account() -> None:
    authority, close = Pubkey.new_unique(), Pubkey.new_unique()
    base = _mint(authority, 99, 2)
    data = base + bytes(165 - len(base)) + bytes([1]) + struct.pack("<HH", 3, 32) + bytes(close)
    mint_key = Pubkey.new_unique()
    parsed = parse_account(mint_key, Account(10**9, data, TOKEN_2022_PROGRAM), None)
    assert parsed is not None
    assert parsed["program"] == "spl-token-2022"
    info = parsed["parsed"]["info"]
    assert parsed["parsed"]["type"] == "mint" and info["supply"] == "99"
    assert info["mintAuthority"] == str(authority)
    assert info["extensions"] == [{"extension": "mintCloseAuthority",
                                   "state": {"closeAuthority": str(close)}}]
    owner = Pubkey.new_unique()
    account = _token_account(mint_key, owner, 1234) + bytes([2]) + struct.pack("<HH", 7, 0)
    parsed = parse_account(Pubkey.new_unique(), Account(10**9, account, TOKEN_2022_PROGRAM),
                           lambda m: 2 if m == mint_key else None)
    assert parsed is not None
    info = parsed["parsed"]["info"]
    assert info["tokenAmount"]["uiAmountString"] == "12.34"
    assert info["extensions"] == [{"extension": "immutableOwner"}]
    # An unknown mint: not parseable, the caller falls back to base64.
    assert parse_account(Pubkey.new_unique(), Account(1, account, TOKEN_PROGRAM),
                         lambda m: None) is None
