"""Malformed requests never crash the node nor produce internal errors (in-process, fast)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solders.keypair import Keypair

from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.localnet.rpc_methods import METHODS, handle_bytes
from ionet.localnet.validator import Validator

_KEY = str(Keypair().pubkey())
_SIG = "5" * 87

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False), st.text(max_size=20),
    st.sampled_from([_KEY, _SIG, "base64", "base58", "jsonParsed", "base64+zstd", "finalized",
                     "AAAA", "", "11111111111111111111111111111111"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from([
            "encoding", "commitment", "dataSlice", "offset", "length", "filters", "memcmp",
            "bytes", "dataSize", "limit", "before", "until", "mint", "programId",
            "withContext", "minContextSlot", "skipPreflight", "sigVerify",
            "replaceRecentBlockhash", "accounts", "addresses", "seconds", "slots",
            "maxSupportedTransactionVersion", "searchTransactionHistory",
        ]), inner, max_size=4),
    ),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def validator() -> Validator:
    return start_validator(ValidatorConfig(wallet=Keypair(), log=lambda _m: None))


def _call(validator: Validator, body: Any) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    answer = handle_bytes(validator, raw)
    return None if answer is None else json.loads(answer)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(method=st.sampled_from(sorted(METHODS)), params=st.lists(_values, max_size=4))
def test_random_params_are_answered(validator: Validator, method: str, params: list[Any]
                                    ) -> None:
    if method == "ionet_advanceClock":
        params = params[:0]  # keep the clock sane; covered elsewhere
    doc = _call(validator, {"jsonrpc": "2.0", "id": 7, "method": method, "params": params})
    assert doc["jsonrpc"] == "2.0" and doc["id"] == 7
    if "error" in doc:
        assert doc["error"]["code"] != -32603, (method, params, doc)
        assert isinstance(doc["error"]["message"], str)
    else:
        assert "result" in doc


_CONFIG_KEYS = st.sampled_from([
    "encoding", "commitment", "preflightCommitment", "dataSlice", "filters", "limit", "before",
    "until", "withContext", "minContextSlot", "skipPreflight", "sigVerify",
    "replaceRecentBlockhash", "accounts", "innerInstructions", "maxSupportedTransactionVersion",
    "seconds", "slots", "mint", "programId", "enableReceivedNotification",
])
_FIRST = st.sampled_from([_KEY, _SIG, "AAAA", [_KEY], [_SIG], 0, 10**30, {"mentions": [_KEY]}])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(method=st.sampled_from(sorted(METHODS)), first=_FIRST,
       middle=st.one_of(st.none(), _values, st.dictionaries(_CONFIG_KEYS, _values, max_size=3)),
       config=st.dictionaries(_CONFIG_KEYS, _values, max_size=4))
def test_random_configs_are_answered(validator: Validator, method: str, first: Any,
                                     middle: Any, config: dict[str, Any]) -> None:
    for params in ([first, config], [first, middle, config]):
        doc = _call(validator, {"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
        if "error" in doc:
            assert doc["error"]["code"] != -32603, (method, params, doc)


@settings(max_examples=200, deadline=None)
@given(body=st.one_of(st.binary(max_size=200), _values.map(lambda v: json.dumps(v).encode())))
def test_random_bodies_are_answered(validator: Validator, body: bytes) -> None:
    doc = _call(validator, body)
    if doc is None:
        return  # only notifications
    answers = doc if isinstance(doc, list) else [doc]
    for answer in answers:
        assert answer["jsonrpc"] == "2.0"
        assert "error" in answer or "result" in answer
        if "error" in answer:
            assert answer["error"]["code"] != -32603, (body, answer)


# Methods whose answer to any call is a server error of Agave's (none takes parameters).
_SERVER_ERRORS = {"getHighestSnapshotSlot": -32008}  # no snapshots on this node


def test_every_method_answers_without_params(validator: Validator) -> None:
    for method in sorted(METHODS):
        doc = _call(validator, {"jsonrpc": "2.0", "id": 1, "method": method})
        assert ("result" in doc) != ("error" in doc), method
        if "error" in doc:
            assert doc["error"]["code"] == _SERVER_ERRORS.get(method, -32602), (method, doc)


class _Sink:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send_text(self, text: str) -> None:
        self.sent.append(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(method=st.sampled_from([
    "accountSubscribe", "programSubscribe", "signatureSubscribe", "logsSubscribe",
    "slotSubscribe", "rootSubscribe", "accountUnsubscribe", "logsUnsubscribe", "getSlot"]),
    first=_FIRST, config=st.dictionaries(_CONFIG_KEYS, _values, max_size=3))
def test_random_subscriptions_are_answered(validator: Validator, method: str, first: Any,
                                           config: dict[str, Any]) -> None:
    from ionet.localnet.subscriptions import Subscriptions

    subs = Subscriptions(validator)
    sink = _Sink()
    try:
        request = {"jsonrpc": "2.0", "id": 3, "method": method, "params": [first, config]}
        subs.handle_message(sink, json.dumps(request))
        answer = json.loads(sink.sent[0])
        assert answer["id"] == 3 and ("result" in answer) != ("error" in answer)
        if "error" in answer:
            assert answer["error"]["code"] in (-32600, -32601, -32602), answer
        subs.drop(sink)
        assert not subs.subs
    finally:
        validator.listeners.remove(subs)
