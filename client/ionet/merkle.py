"""Reward-root Merkle trees over ``(node, cumulative_amount)``, as io_staking verifies them.

The on-chain side is ``programs/framework/src/merkle.rs``; both follow::

    leaf   = sha256(0x00 || node (32 bytes) || cumulative_amount (u64 little-endian))
    parent = sha256(0x01 || min(a, b) || max(a, b))     # byte-wise order

* The one-byte prefixes separate leaves from interior nodes, so neither can pass for the
  other.
* Pairs are hashed sorted, so a proof is only the sibling hashes from the leaf up, without
  direction bits.
* Leaves are sorted by hash before the tree is built, so the same table always gives the
  same root whatever order its rows come in.
* A level with an odd number of hashes carries its last hash up to the next level
  unchanged (it is not paired with itself); that leaf's proof simply has no entry for
  that level, so proofs may differ in length by leaf.

Proofs are capped at :data:`MAX_PROOF_LEN` levels on-chain, that is 2**32 leaves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Final

from solders.pubkey import Pubkey

__all__ = [
    "LEAF_PREFIX",
    "MAX_PROOF_LEN",
    "NODE_PREFIX",
    "RewardTree",
    "leaf_hash",
    "parent_hash",
    "verify",
]

LEAF_PREFIX: Final = b"\x00"
NODE_PREFIX: Final = b"\x01"
MAX_PROOF_LEN: Final = 32
U64_MAX: Final = 2**64 - 1


def _node_bytes(node: Pubkey | bytes) -> bytes:
    raw = bytes(node)
    if len(raw) != 32:
        raise ValueError(f"a node key is 32 bytes, got {len(raw)}")
    return raw


def leaf_hash(node: Pubkey | bytes, cumulative: int) -> bytes:
    """The leaf for ``node``'s cumulative reward amount (a u64)."""
    if not 0 <= cumulative <= U64_MAX:
        raise ValueError(f"cumulative amount {cumulative} is not a u64")
    return hashlib.sha256(
        LEAF_PREFIX + _node_bytes(node) + cumulative.to_bytes(8, "little")
    ).digest()


def parent_hash(a: bytes, b: bytes) -> bytes:
    """The parent of two sibling hashes, in either order."""
    lo, hi = (a, b) if a <= b else (b, a)
    return hashlib.sha256(NODE_PREFIX + lo + hi).digest()


def verify(root: bytes, leaf: bytes, proof: Sequence[bytes]) -> bool:
    """Whether ``proof`` leads from ``leaf`` to ``root``; the same rule as on-chain."""
    if len(proof) > MAX_PROOF_LEN:
        return False
    node = leaf
    for sibling in proof:
        if len(sibling) != 32:
            return False
        node = parent_hash(node, sibling)
    return node == root


class RewardTree:
    """The Merkle tree of one reward epoch.

    Built from rows ``(node, cumulative_amount)``: each node at most once, amounts are
    u64. ``root`` is what ``post_reward_root`` publishes, ``total`` the sum the reward
    vault must be able to pay, and ``proof(node)`` what ``claim_node_rewards`` takes.
    """

    def __init__(self, rows: Iterable[tuple[Pubkey, int]]) -> None:
        self._amounts: dict[bytes, int] = {}
        for node, cumulative in rows:
            key = _node_bytes(node)
            if key in self._amounts:
                raise ValueError(f"node {Pubkey.from_bytes(key)} appears twice")
            leaf_hash(key, cumulative)  # validates the amount
            self._amounts[key] = cumulative
        if not self._amounts:
            raise ValueError("a reward tree needs at least one leaf")

        leaves = sorted(leaf_hash(k, v) for k, v in self._amounts.items())
        self._index = {leaf: i for i, leaf in enumerate(leaves)}
        self._levels: list[list[bytes]] = [leaves]
        level = leaves
        while len(level) > 1:
            up = [parent_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
            if len(level) % 2:
                up.append(level[-1])  # odd count: the last hash moves up unchanged
            self._levels.append(up)
            level = up

    @property
    def root(self) -> bytes:
        """The 32-byte root."""
        return self._levels[-1][0]

    @property
    def total(self) -> int:
        """Sum of all cumulative amounts."""
        return sum(self._amounts.values())

    def __len__(self) -> int:
        return len(self._amounts)

    def cumulative(self, node: Pubkey | bytes) -> int:
        """The cumulative amount of ``node``; ``KeyError`` if it is not in the tree."""
        return self._amounts[_node_bytes(node)]

    def leaf(self, node: Pubkey | bytes) -> bytes:
        """The leaf hash of ``node``; ``KeyError`` if it is not in the tree."""
        return leaf_hash(node, self.cumulative(node))

    def proof(self, node: Pubkey | bytes) -> list[bytes]:
        """Sibling hashes from ``node``'s leaf up to the root; ``KeyError`` if absent."""
        i = self._index[self.leaf(node)]
        out: list[bytes] = []
        for level in self._levels[:-1]:
            sibling = i ^ 1
            if sibling < len(level):
                out.append(level[sibling])
            i //= 2
        return out
