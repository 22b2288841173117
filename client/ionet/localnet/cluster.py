"""The cluster as a whole: its one node and vote account (:mod:`ionet.localnet.bootstrap`),
supply, inflation, stake. LiteSVM pays no inflation and burns every fee, so the inflation
governor is the disabled one and no address ever has an inflation reward.
"""

from __future__ import annotations

import base64
import heapq
import struct
from typing import Final

from solders.instruction import Instruction
from solders.message import Message
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet.localnet import errors as E
from ionet.localnet.bootstrap import STAKE_PROGRAM, activated_stake, vote_address
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

_GET_MINIMUM_DELEGATION: Final = 13
MAX_LARGEST_ACCOUNTS: Final = 20
MAX_INFLATION_ADDRESSES: Final = 100


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

