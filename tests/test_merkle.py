"""ionet.merkle against the shared vectors (also checked by programs/framework/src/merkle.rs)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from solders.pubkey import Pubkey

from ionet.merkle import MAX_PROOF_LEN, RewardTree, leaf_hash, parent_hash, verify

ROOT = Path(__file__).resolve().parent.parent
VECTORS_TXT = ROOT / "tests" / "vectors" / "merkle.txt"
VECTORS_JSON = ROOT / "tests" / "vectors" / "merkle.json"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_merkle_vectors", ROOT / "scripts" / "gen_merkle_vectors.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _txt_cases() -> list[tuple[bytes, bytes, int, bytes, list[bytes]]]:
    cases = []
    for line in VECTORS_TXT.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        root, node, amount, leaf, *proof = line.split(" ")
        cases.append(
            (
                bytes.fromhex(root),
                bytes.fromhex(node),
                int(amount),
                bytes.fromhex(leaf),
                [bytes.fromhex(p) for p in proof],
            )
        )
    return cases


def _key(*parts: object) -> Pubkey:
    return Pubkey.from_bytes(hashlib.sha256(repr(parts).encode()).digest())


def test_vectors_are_not_stale() -> None:
    for path, data in _generator().render().items():
        assert path.read_bytes() == data, f"{path} is stale: run scripts/gen_merkle_vectors.py"


def test_txt_vectors_verify() -> None:
    cases = _txt_cases()
    assert len(cases) == 1 + 2 + 3 + 5 + 17
    for root, node, amount, leaf, proof in cases:
        assert leaf_hash(node, amount) == leaf
        assert verify(root, leaf, proof)


def test_json_matches_txt_and_tree() -> None:
    doc = json.loads(VECTORS_JSON.read_text())
    flat = []
    for tree in doc["trees"]:
        rows = [(Pubkey.from_string(x["node"]), int(x["cumulative"])) for x in tree["leaves"]]
        rebuilt = RewardTree(rows)
        assert rebuilt.root.hex() == tree["root"]
        for x in tree["leaves"]:
            node = Pubkey.from_string(x["node"])
            assert bytes(node).hex() == x["node_hex"]
            assert [p.hex() for p in rebuilt.proof(node)] == x["proof"]
            flat.append((tree["root"], x["node_hex"], x["cumulative"], x["leaf"], x["proof"]))
    txt = [
        (r.hex(), n.hex(), str(a), lf.hex(), [p.hex() for p in pr])
        for r, n, a, lf, pr in _txt_cases()
    ]
    assert flat == txt


def test_tampering_fails() -> None:
    for root, node, amount, leaf, proof in _txt_cases():
        for other in {amount + 1, max(amount - 1, 0), 0, 2**64 - 1} - {amount}:
            if other < 2**64:
                assert not verify(root, leaf_hash(node, other), proof)
        other_node = node[:-1] + bytes([node[-1] ^ 1])
        assert not verify(root, leaf_hash(other_node, amount), proof)
        for i in range(len(proof)):
            flipped = [*proof]
            flipped[i] = bytes([flipped[i][0] ^ 0x80]) + flipped[i][1:]
            assert not verify(root, leaf, flipped)
            assert not verify(root, leaf, proof[:i] + proof[i + 1 :])
        assert not verify(root, leaf, [*proof, leaf])
        assert not verify(bytes([root[0] ^ 1]) + root[1:], leaf, proof)


def test_shape_by_hand() -> None:
    """Pins the tree shape: sorted leaves, sorted pairs, the odd last hash carried up."""
    rows = [(_key("hand", i), 1000 * i) for i in range(3)]
    tree = RewardTree(rows)
    l0, l1, l2 = sorted(leaf_hash(k, v) for k, v in rows)
    assert tree.root == parent_hash(parent_hash(l0, l1), l2)
    lo, hi = sorted([l0, l1])
    assert parent_hash(l0, l1) == hashlib.sha256(b"\x01" + lo + hi).digest()
    assert (
        leaf_hash(rows[1][0], 1000)
        == hashlib.sha256(b"\x00" + bytes(rows[1][0]) + (1000).to_bytes(8, "little")).digest()
    )
    by_leaf = {tree.leaf(k): k for k, _ in rows}
    assert tree.proof(by_leaf[l2]) == [parent_hash(l0, l1)]
    assert tree.proof(by_leaf[l0]) == [l1, l2]
    single = RewardTree([(rows[0][0], 5)])
    assert single.root == leaf_hash(rows[0][0], 5)
    assert single.proof(rows[0][0]) == []


@pytest.mark.parametrize("size", [*range(1, 41), 64, 65, 100])
def test_every_proof_verifies(size: int) -> None:
    rows = [(_key("all", size, i), (i * 0x9E3779B97F4A7C15) % 2**64) for i in range(size)]
    tree = RewardTree(rows)
    assert RewardTree(reversed(rows)).root == tree.root  # row order does not matter
    assert tree.total == sum(a for _, a in rows)
    assert len(tree) == size
    for node, amount in rows:
        proof = tree.proof(node)
        assert len(proof) <= max(1, (size - 1).bit_length())
        assert verify(tree.root, leaf_hash(node, amount), proof)
        assert tree.cumulative(node) == amount


def test_rejects_bad_tables_and_long_proofs() -> None:
    k = _key("bad")
    with pytest.raises(ValueError, match="at least one"):
        RewardTree([])
    with pytest.raises(ValueError, match="twice"):
        RewardTree([(k, 1), (k, 2)])
    with pytest.raises(ValueError, match="u64"):
        RewardTree([(k, 2**64)])
    with pytest.raises(ValueError, match="u64"):
        leaf_hash(k, -1)
    with pytest.raises(KeyError):
        RewardTree([(k, 1)]).proof(_key("absent"))
    leaf = leaf_hash(k, 7)
    proof = [hashlib.sha256(bytes([i])).digest() for i in range(MAX_PROOF_LEN + 1)]
    root = leaf
    for sibling in proof[:MAX_PROOF_LEN]:
        root = parent_hash(root, sibling)
    assert verify(root, leaf, proof[:MAX_PROOF_LEN])
    root = parent_hash(root, proof[MAX_PROOF_LEN])
    assert not verify(root, leaf, proof)
