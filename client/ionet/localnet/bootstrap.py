"""The node's vote and stake accounts, as a cluster's bootstrap validator has them.

At genesis the node (its identity is the faucet's key) gets a vote account (the identity
as node, withdrawer and voter, commission 0) and a stake account delegated to it, active
from genesis (activation epoch u64::MAX, as genesis writes it).
"""

from __future__ import annotations

import struct
from typing import Final

from solders.account import Account
from solders.pubkey import Pubkey

from ionet.localnet.validator import Validator

VOTE_PROGRAM: Final = Pubkey.from_string("Vote111111111111111111111111111111111111111")
STAKE_PROGRAM: Final = Pubkey.from_string("Stake11111111111111111111111111111111111111")
VOTE_STATE_SIZE: Final = 3762
"""``VoteState::size_of()``; the rest of the account is zeros."""
STAKE_STATE_SIZE: Final = 200
BOOTSTRAP_STAKE_LAMPORTS: Final = 1_000_000 * 10**9
_VOTE_STATE_CURRENT: Final = 2
_STAKE_STATE_STAKE: Final = 2
_U64_MAX: Final = 2**64 - 1


def vote_address(v: Validator) -> Pubkey:
    return Pubkey.create_with_seed(v.faucet.pubkey(), "vote", VOTE_PROGRAM)


def stake_address(v: Validator) -> Pubkey:
    return Pubkey.create_with_seed(v.faucet.pubkey(), "stake", STAKE_PROGRAM)


def _vote_state(node: Pubkey) -> bytes:
    """A fresh ``VoteStateVersions::Current``: no votes, no root, ``node`` as voter from
    epoch 0, empty prior voters, no credits, no timestamp."""
    data = struct.pack("<I", _VOTE_STATE_CURRENT) + bytes(node) + bytes(node) + b"\x00"
    data += struct.pack("<Q", 0) + b"\x00"  # votes, root_slot
    data += struct.pack("<QQ", 1, 0) + bytes(node)  # authorized_voters {0: node}
    data += bytes(48 * 32) + struct.pack("<Q", 31) + b"\x01"  # prior_voters: empty CircBuf
    data += struct.pack("<Q", 0) + struct.pack("<Qq", 0, 0)  # epoch_credits, last_timestamp
    return data.ljust(VOTE_STATE_SIZE, b"\x00")


def _stake_state(node: Pubkey, vote: Pubkey, reserve: int, stake: int) -> bytes:
    """``StakeStateV2::Stake`` delegating ``stake`` to ``vote``, active since genesis."""
    data = struct.pack("<IQ", _STAKE_STATE_STAKE, reserve) + bytes(node) + bytes(node)
    data += struct.pack("<qQ", 0, 0) + bytes(Pubkey.default())  # no lockup
    data += bytes(vote) + struct.pack("<QQQd", stake, _U64_MAX, _U64_MAX, 0.25)
    data += struct.pack("<Q", 0) + b"\x00"  # credits_observed, stake flags
    return data.ljust(STAKE_STATE_SIZE, b"\x00")


def ensure_bootstrap_accounts(v: Validator) -> None:
    """Create the node's vote and stake accounts unless the ledger has them."""
    node = v.faucet.pubkey()
    vote, stake = vote_address(v), stake_address(v)
    rent = v.svm.minimum_balance_for_rent_exemption
    if v.get_account(vote) is None:
        v.set_account(vote, Account(rent(VOTE_STATE_SIZE), _vote_state(node), VOTE_PROGRAM,
                                    False, 0))
    if v.get_account(stake) is None:
        reserve = rent(STAKE_STATE_SIZE)
        v.set_account(stake, Account(reserve + BOOTSTRAP_STAKE_LAMPORTS,
                                     _stake_state(node, vote, reserve, BOOTSTRAP_STAKE_LAMPORTS),
                                     STAKE_PROGRAM, False, 0))


def activated_stake(v: Validator) -> int:
    """The stake delegated to the node's vote account (read from its stake account)."""
    account = v.get_account(stake_address(v))
    if account is None or account.owner != STAKE_PROGRAM or len(account.data) < 164:
        return 0
    data = bytes(account.data)
    if struct.unpack_from("<I", data)[0] != _STAKE_STATE_STAKE or \
            data[124:156] != bytes(vote_address(v)):
        return 0
    return int(struct.unpack_from("<Q", data, 156)[0])
