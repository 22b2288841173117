"""Write the reward-tree test vectors shared by the Rust and Python tests.

    python scripts/gen_merkle_vectors.py           # (re)write the files
    python scripts/gen_merkle_vectors.py --check   # exit 1 if they are stale

Outputs, both from the same trees (1, 2, 3, 5 and 17 leaves; keys and amounts derived
deterministically from SHA-256, with the amounts 0, 1 and 2**64 - 1 included):

* ``tests/vectors/merkle.json``: per tree its root and, per leaf, node, cumulative amount
  (a decimal string, since JSON numbers lose precision above 2**53), leaf hash and proof.
* ``tests/vectors/merkle.txt``: the same, one line per leaf, for the Rust test that has no
  JSON parser: ``root node cumulative leaf proof...``, hashes and keys in hex, amount in
  decimal, separated by single spaces; ``#`` starts a comment line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from solders.pubkey import Pubkey

from ionet.merkle import RewardTree

ROOT = Path(__file__).resolve().parent.parent
JSON_PATH = ROOT / "tests" / "vectors" / "merkle.json"
TXT_PATH = ROOT / "tests" / "vectors" / "merkle.txt"
TREE_SIZES = (1, 2, 3, 5, 17)
U64_MAX = 2**64 - 1


def _h(*parts: object) -> bytes:
    return hashlib.sha256(
        "/".join(str(p) for p in ("ionet-merkle-vectors", *parts)).encode()
    ).digest()


def rows(size: int) -> list[tuple[Pubkey, int]]:
    """The table of one tree: deterministic keys and amounts of varied magnitude."""
    out = []
    for i in range(size):
        key = Pubkey.from_bytes(_h("key", size, i))
        seed = int.from_bytes(_h("amount", size, i)[:8], "little")
        special = {0: 0, 1: U64_MAX, 2: 1}
        if size >= 3 and i in special:
            amount = special[i]
        else:
            amount = seed >> (seed % 64)  # random bit length
        out.append((key, amount))
    return out


def render() -> dict[Path, bytes]:
    """The bytes of each output file."""
    trees = []
    lines = [
        "# Reward-tree vectors from scripts/gen_merkle_vectors.py; do not edit.",
        "# root node cumulative leaf proof...   (hex; cumulative in decimal)",
    ]
    for size in TREE_SIZES:
        table = rows(size)
        tree = RewardTree(table)
        leaves = []
        for node, amount in table:
            proof = [p.hex() for p in tree.proof(node)]
            leaf = tree.leaf(node).hex()
            leaves.append(
                {
                    "node": str(node),
                    "node_hex": bytes(node).hex(),
                    "cumulative": str(amount),
                    "leaf": leaf,
                    "proof": proof,
                }
            )
            lines.append(" ".join([tree.root.hex(), bytes(node).hex(), str(amount), leaf, *proof]))
        trees.append({"size": size, "root": tree.root.hex(), "leaves": leaves})
    doc = {
        "description": "Reward-root Merkle vectors; see programs/framework/src/merkle.rs",
        "trees": trees,
    }
    return {
        JSON_PATH: (json.dumps(doc, indent=2) + "\n").encode(),
        TXT_PATH: ("\n".join(lines) + "\n").encode(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args(argv)
    stale = []
    for path, data in render().items():
        if path.exists() and path.read_bytes() == data:
            continue
        if args.check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)} (run scripts/gen_merkle_vectors.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
