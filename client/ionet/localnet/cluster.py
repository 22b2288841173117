"""The cluster as a whole: its one node and vote account, supply, inflation, stake.

At genesis the node gets what a cluster's bootstrap validator has: a vote account (its
identity as node, withdrawer and voter, commission 0) and a stake account delegated to
it, active from genesis (activation epoch u64::MAX, as genesis writes it). LiteSVM pays
no inflation and burns every fee, so the inflation governor is the disabled one and no
address ever has an inflation reward.
"""

from __future__ import annotations

import base64
import heapq
import struct
from typing import Final

from solders.account import Account
from solders.instruction import Instruction
from solders.message import Message
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet.localnet import errors as E
from ionet.localnet.encoding import JSON
from ionet.localnet.errors import RpcError, invalid_params
from ionet.localnet.rpc_methods import (
    API_VERSION,
    FEATURE_SET,
    Params,
    _config,
    _ctx,
    _param,
    _pubkey,
    _uint,
    method,
)
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
_GET_MINIMUM_DELEGATION: Final = 13
MAX_LARGEST_ACCOUNTS: Final = 20
MAX_INFLATION_ADDRESSES: Final = 100


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


# ------------------------------------------------------------------- nodes


@method("getClusterNodes")
def get_cluster_nodes(v: Validator, params: Params) -> JSON:
    """Our one node: JSON-RPC, WebSocket and a UDP TPU (:mod:`ionet.localnet.tpu`). It
    gossips with nobody and has no QUIC TPU."""
    return [
        {
            "pubkey": str(v.faucet.pubkey()),
            "gossip": None,
            "tpu": v.contact.get("tpu"),
            "tpuQuic": None,
            "rpc": v.contact.get("rpc"),
            "pubsub": v.contact.get("pubsub"),
            "version": API_VERSION,
            "featureSet": FEATURE_SET,
            "shredVersion": 0,
        }
    ]


@method("getVoteAccounts")
def get_vote_accounts(v: Validator, params: Params) -> JSON:
    cfg = _config(params, 0)
    wanted = cfg.get("votePubkey")
    vote = vote_address(v)
    account = v.get_account(vote)
    if account is None or (wanted is not None and _pubkey(wanted) != vote):
        return {"current": [], "delinquent": []}
    data = bytes(account.data)
    commission = data[68]
    credits = _epoch_credits(data)
    # Every block is rooted as soon as it is made: the node's last vote is the current slot.
    return {"current": [{
        "votePubkey": str(vote),
        "nodePubkey": str(Pubkey.from_bytes(data[4:36])),
        "activatedStake": activated_stake(v),
        "epochVoteAccount": True,
        "commission": commission,
        "lastVote": v.slot,
        "epochCredits": credits,
        "rootSlot": v.slot,
    }], "delinquent": []}


def _epoch_credits(data: bytes) -> list[list[int]]:
    """``epoch_credits`` of a vote state whose votes and prior voters are as we wrote them."""
    (n_votes,) = struct.unpack_from("<Q", data, 69)
    if n_votes or data[77]:
        return []  # a state the vote program has changed: not parsed here
    pos = 69 + 8 + 1 + 8 + 40 * struct.unpack_from("<Q", data, 78)[0] + 48 * 32 + 9
    (count,) = struct.unpack_from("<Q", data, pos)
    return [list(struct.unpack_from("<QQQ", data, pos + 8 + 24 * i)) for i in range(count)]


@method("getHighestSnapshotSlot")
def get_highest_snapshot_slot(v: Validator, params: Params) -> JSON:
    raise RpcError(E.NO_SNAPSHOT, "No snapshot")


# ------------------------------------------------------------------ supply


def _balances(v: Validator) -> list[tuple[int, Pubkey]]:
    out = []
    for key in list(v.owner_of):
        lamports = v.svm.get_balance(key) or 0
        if lamports:
            out.append((lamports, key))
    return out


@method("getSupply")
def get_supply(v: Validator, params: Params) -> JSON:
    """All lamports in accounts; no account is non-circulating on this cluster (Agave's
    list names mainnet's foundation accounts)."""
    cfg = _config(params, 0)
    total = sum(lamports for lamports, _ in _balances(v))
    value: dict[str, JSON] = {"total": total, "circulating": total, "nonCirculating": 0,
                              "nonCirculatingAccounts": []}
    if cfg.get("excludeNonCirculatingAccountsList"):
        value["nonCirculatingAccounts"] = []
    return _ctx(v, value)


@method("getLargestAccounts")
def get_largest_accounts(v: Validator, params: Params) -> JSON:
    cfg = _config(params, 0)
    kind = cfg.get("filter")
    if kind not in (None, "circulating", "nonCirculating"):
        raise invalid_params(f"Invalid params: unknown variant `{kind}`")
    if kind == "nonCirculating":
        return _ctx(v, [])
    largest = heapq.nlargest(MAX_LARGEST_ACCOUNTS, _balances(v), key=lambda item: item[0])
    return _ctx(v, [{"address": str(key), "lamports": lamports} for lamports, key in largest])


# --------------------------------------------------------------- inflation


@method("getInflationGovernor")
def get_inflation_governor(v: Validator, params: Params) -> JSON:
    _config(params, 0)
    return {"initial": 0.0, "terminal": 0.0, "taper": 0.0, "foundation": 0.0,
            "foundationTerm": 0.0}


@method("getInflationRate")
def get_inflation_rate(v: Validator, params: Params) -> JSON:
    return {"total": 0.0, "validator": 0.0, "foundation": 0.0,
            "epoch": v.schedule.get_epoch(v.slot)}


@method("getInflationReward")
def get_inflation_reward(v: Validator, params: Params) -> JSON:
    addresses = _param(params, 0, "addresses")
    if not isinstance(addresses, list):
        raise invalid_params("Invalid params: expected a list of addresses")
    if len(addresses) > MAX_INFLATION_ADDRESSES:
        raise invalid_params(f"Too many inputs provided; max {MAX_INFLATION_ADDRESSES}")
    for address in addresses:
        _pubkey(address)
    cfg = _config(params, 1)
    current = v.schedule.get_epoch(v.slot)
    epoch = cfg.get("epoch")
    epoch = current - 1 if epoch is None else _uint(epoch, "epoch")
    if epoch < 0 or epoch >= current:
        raise invalid_params(f"Invalid params: epoch {max(epoch, 0)} has not ended (current "
                             f"epoch {current})")
    return [None for _ in addresses]


# ------------------------------------------------------------------- stake


@method("getStakeMinimumDelegation")
def get_stake_minimum_delegation(v: Validator, params: Params) -> JSON:
    """Asked of the stake program itself (its GetMinimumDelegation instruction)."""
    _config(params, 0)
    ix = Instruction(STAKE_PROGRAM, struct.pack("<I", _GET_MINIMUM_DELEGATION), [])
    message = Message.new_with_blockhash([ix], v.faucet.pubkey(), v.latest_blockhash)
    outcome = v.simulate(VersionedTransaction(message, [v.faucet]), sig_verify=False)
    if outcome.err is not None or outcome.return_data is None:
        raise RpcError(E.INTERNAL_ERROR, f"the stake program did not answer: {outcome.err}")
    data = base64.b64decode(outcome.return_data["data"][0])
    return _ctx(v, int.from_bytes(data[:8].ljust(8, b"\x00"), "little"))

