"""The interface generator's additions for io_escrow: external accounts (another program's
typed account, owned by a stored key), integer argument seeds and `Vec<Type>` arguments;
and the declarations it refuses."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from idlgen.constraints import parse_accounts
from idlgen.model import IdlError, Program
from idlgen.rust import render
from idlgen.workspace import ROOT

ESCROW = ROOT / "programs" / "io_escrow" / "idl.json"


def _program(idl: dict[str, Any]) -> Program:
    return Program("io_escrow", ESCROW, idl)


def _instruction(idl: dict[str, Any], name: str) -> dict[str, Any]:
    return next(ix for ix in idl["instructions"] if ix["name"] == name)


def test_the_escrow_interface_renders_its_additions() -> None:
    accounts = render(Program.load(ESCROW))["interface/accounts.rs"]
    assert ("framework::check::compact::account::<io_staking::interface::Node>(&named.node, "
            "config.staking_program(), &\"node\")?;") in accounts
    assert "Some(node.owner()), &\"payout\")?;" in accounts  # a field of the external node
    assert "&args.job_id.to_le_bytes()" in accounts
    assert "framework::check::mint_with_policy(" in accounts
    dispatch = render(Program.load(ESCROW))["interface/dispatch.rs"]
    assert "pub entries: &'a [SettleEntry]," in dispatch
    assert "r.vec_of_pod::<SettleEntry>()?" in dispatch


def _refused(change: Any, message: str) -> None:
    idl = copy.deepcopy(json.loads(ESCROW.read_text()))
    ix = _instruction(idl, "openEscrow")
    change(ix)
    with pytest.raises(IdlError, match=message):
        parse_accounts(_program(idl), ix)


def _account(ix: dict[str, Any], name: str) -> dict[str, Any]:
    return next(a for a in ix["accounts"] if a["name"] == name)


def test_an_external_account_must_be_read_only() -> None:
    _refused(lambda ix: _account(ix, "node").update(isMut=True), "is read-only here")


def test_an_external_accounts_owner_must_be_loaded_before_it() -> None:
    def move_config_last(ix: dict[str, Any]) -> None:
        ix["accounts"].append(ix["accounts"].pop(0))
    _refused(move_config_last, "must be loaded before it")


def test_an_external_account_has_only_its_types_fields() -> None:
    def wrong_field(ix: dict[str, Any]) -> None:
        _account(ix, "payout")["token"]["authority"] = "node.nobody"
    _refused(wrong_field, "has no field 'nobody'")


def test_an_unknown_crate_is_refused() -> None:
    _refused(lambda ix: _account(ix, "node").update(account="nowhere::Node"),
             "no interface definition")
