"""The validator state machine directly (no network)."""

from __future__ import annotations

from typing import Any

import pytest
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import VersionedTransaction

from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.localnet.validator import MAX_PROCESSING_AGE, Validator


def _validator(**kw: Any) -> Validator:
    return start_validator(ValidatorConfig(wallet=Keypair(), log=lambda _m: None, **kw))


def test_history_limit_forgets_the_oldest() -> None:
    v = _validator(history_limit=3)
    who = Pubkey.new_unique()
    sigs = [v.airdrop(who, 1000 + i).signature for i in range(5)]
    assert [s in v.statuses for s in sigs] == [False, False, True, True, True]
    assert [r.signature for r in v.by_address[who]] == sigs[2:]
    assert v.transaction_count == 5
    account = v.get_account(who)
    assert account is not None and account.lamports == sum(1000 + i for i in range(5))


def test_advance_clock_moves_slot_time_and_blockhash() -> None:
    v = _validator()
    slot, unix, blockhash = v.slot, v.unix, v.latest_blockhash
    v.advance_clock(10)
    assert v.slot == slot + 25 and v.unix >= unix + 10
    assert v.latest_blockhash != blockhash
    assert v.blockhash_valid(blockhash)  # 25 slots old
    v.advance_clock(0, slots=MAX_PROCESSING_AGE)
    assert not v.blockhash_valid(blockhash)
    clock = v.svm.get_clock()
    assert (clock.slot, clock.unix_timestamp) == (v.slot, v.unix)
    assert v.svm.get_slot_hashes()[0][0] == v.slot


def test_clock_set_to_an_absolute_time_and_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    from ionet.localnet import validator as module

    v = _validator()
    wall = [module.time.time()]
    monkeypatch.setattr(module.time, "time", lambda: wall[0])
    target = v.unix + 1_000
    v.advance_clock(unix=target, freeze=True)
    assert v.unix == target == v.svm.get_clock().unix_timestamp
    slot = v.slot
    wall[0] += 30  # wall time goes on; slots come, the time does not move
    v._set_slot(v.slot + 5)
    assert v.slot == slot + 5 and v.svm.get_clock().unix_timestamp == target
    v.advance_clock(7, freeze=True)  # a frozen clock moves by exactly what it is told
    assert v.unix == target + 7
    v.advance_clock(0, slots=1)  # unfrozen: wall time resumes from there
    assert v.unix == target + 7
    wall[0] += 3
    v._set_slot(v.slot + 1)
    assert v.unix == target + 10
    with pytest.raises(ValueError, match="only moves forward"):
        v.advance_clock(unix=target)


def test_preflight_failure_is_rolled_back_and_skip_preflight_lands() -> None:
    v = _validator()
    payer = Keypair()
    v.airdrop(payer.pubkey(), 10**9)
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Pubkey.new_unique(),
                                 lamports=10**12))
    tx = VersionedTransaction(Message.new_with_blockhash([ix], payer.pubkey(),
                                                         v.latest_blockhash), [payer])
    outcome = v.execute(tx, preflight=True)
    assert outcome.err is not None and not outcome.committed
    assert v.svm.get_balance(payer.pubkey()) == 10**9
    outcome = v.execute(tx, preflight=False)
    assert outcome.committed and outcome.record is not None
    assert outcome.record.fee == 5000
    assert v.svm.get_balance(payer.pubkey()) == 10**9 - 5000
    assert v.execute(tx, preflight=False).err == "AlreadyProcessed"
