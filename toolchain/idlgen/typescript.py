"""`target/types/<program>.ts`: the TypeScript type of the 0.30 IDL, as anchor-cli 0.30
writes it (`anchor build`, `anchor idl type`; `idl_ts` in its cli/src/lib.rs):

every JSON string value that is a word (`"name": "stake_amount"`, not a public key) is
replaced by its lowerCamelCase (heck's `to_lower_camel_case`) wherever it occurs as a
string, and the IDL is printed as `export type IoStaking = {...};`.
"""

from __future__ import annotations

import json
import re

from .model import Json

_WORD_VALUE = re.compile(r'"\w+":"([\w\d]+)"')
_BASE58 = re.compile(r"[1-9A-HJ-NP-Za-km-z]{32,44}")
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _is_pubkey(text: str) -> bool:
    if _BASE58.fullmatch(text) is None:
        return False
    value = 0
    for ch in text:
        value = value * 58 + _ALPHABET.index(ch)
    leading = len(text) - len(text.lstrip("1"))
    return leading + (value.bit_length() + 7) // 8 == 32


def _words(text: str) -> list[str]:
    """heck 0.4's word split: on non-alphanumerics, before an uppercase letter that
    follows a lowercase one, and before the last capital of an acronym followed by a
    lowercase letter (`HTTPServer` is `HTTP`, `Server`); digits take the mode before."""
    words = []
    for part in re.split(r"[^0-9A-Za-z]+", text):
        start, mode = 0, ""
        for i, ch in enumerate(part):
            if i + 1 == len(part):
                words.append(part[start:])
                break
            nxt = part[i + 1]
            next_mode = "lower" if ch.islower() else "upper" if ch.isupper() else mode
            if next_mode == "lower" and nxt.isupper():
                words.append(part[start:i + 1])
                start, mode = i + 1, ""
            elif mode == "upper" and ch.isupper() and nxt.islower():
                words.append(part[start:i])
                start, mode = i, next_mode
            else:
                mode = next_mode
    return [w for w in words if w]


def lower_camel(text: str) -> str:
    words = _words(text)
    return "".join(w.lower() if i == 0 else w[:1].upper() + w[1:].lower()
                   for i, w in enumerate(words))


def upper_camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:].lower() for w in _words(text))


def idl_type(spec: Json) -> str:
    """The content of `target/types/<name>.ts` for the 0.30 IDL `spec`."""
    name = spec["metadata"]["name"]
    compact = json.dumps(spec, separators=(",", ":"), ensure_ascii=False)
    camel = compact
    for match in _WORD_VALUE.finditer(compact):
        word = match.group(1)
        if not _is_pubkey(word):
            camel = camel.replace(f'"{word}"', f'"{lower_camel(word)}"')
    pretty = json.dumps(json.loads(camel), indent=2, ensure_ascii=False)
    return (
        "/**\n"
        " * Program IDL in camelCase format in order to be used in JS/TS.\n"
        " *\n"
        " * Note that this is only a type helper and is not the actual IDL. The original\n"
        f" * IDL can be found at `target/idl/{name}.json`.\n"
        " */\n"
        f"export type {upper_camel(name)} = {pretty};\n"
    )
