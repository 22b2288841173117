"""Program keypairs and the ids in Anchor.toml.

Each program's id is the public key of `target/deploy/<name>-keypair.json` (Solana CLI
format). The keypair is created once and committed, so the ids in Anchor.toml and in the
generated clients are the same on every machine; `sync` writes them into every
`[programs.<cluster>]` table of Anchor.toml.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from solders.keypair import Keypair

ANCHOR_TOML_TEMPLATE = """\
[toolchain]

[features]
resolution = true
skip-lint = false

[programs.localnet]

[programs.devnet]

[provider]
cluster = "localnet"
wallet = "~/.config/solana/id.json"

[scripts]
test = "make test"
"""


def keypair_path(root: Path, program: str) -> Path:
    return root / "target" / "deploy" / f"{program}-keypair.json"


def load_keypair(path: Path) -> Keypair:
    return Keypair.from_bytes(bytes(json.loads(path.read_text())))


def ensure_keypair(root: Path, program: str) -> str:
    """The program's id, creating its keypair file if there is none."""
    path = keypair_path(root, program)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(list(bytes(Keypair()))) + "\n")
    return str(load_keypair(path).pubkey())


def _rewrite_table(text: str, table: str, ids: dict[str, str]) -> str:
    body = "".join(f'{name} = "{ids[name]}"\n' for name in sorted(ids))
    pattern = re.compile(rf"^\[{re.escape(table)}\]\n(?:(?!\[).*\n)*", re.MULTILINE)
    if pattern.search(text) is None:
        return text.rstrip("\n") + f"\n\n[{table}]\n{body}"
    return pattern.sub(lambda _: f"[{table}]\n{body}\n", text, count=1)


def sync(root: Path, programs: list[str]) -> dict[str, str]:
    """Ensures a keypair per program and writes the ids into Anchor.toml."""
    ids = {name: ensure_keypair(root, name) for name in programs}
    anchor = root / "Anchor.toml"
    text = anchor.read_text() if anchor.exists() else ANCHOR_TOML_TEMPLATE
    tables = re.findall(r"^\[(programs\.[\w-]+)\]", text, re.MULTILINE) or ["programs.localnet"]
    for table in tables:
        text = _rewrite_table(text, table, ids)
    text = re.sub(r"\n{3,}", "\n\n", text)
    if not anchor.exists() or anchor.read_text() != text:
        anchor.write_text(text)
    return ids


def program_names(root: Path) -> list[str]:
    """Programs are the crates under programs/ that have an interface definition."""
    return sorted(p.parent.name for p in (root / "programs").glob("*/idl.json"))
