"""idlgen's account constraints for accounts of another program (`"account":
"crate::Type"` with `owner`), accounts passed on to a CPI (`cpi`) and an instruction's
choice of inline or compact checks (`checks`): what the generator accepts, what it
refuses, and what it writes."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from idlgen.constraints import AccountSpec, compact_checks, parse_accounts
from idlgen.model import IdlError, Json, Program
from idlgen.rust import render
from idlgen.spec import to_legacy_with_address

ROOT = Path(__file__).resolve().parents[2]
IDL = ROOT / "programs" / "io_slashing" / "idl.json"


def _program(edit: dict[str, Json] | None = None, ix_name: str = "dispute") -> Program:
    """io_slashing's interface with the `node` account of `ix_name` replaced by `edit`."""
    idl = copy.deepcopy(json.loads(IDL.read_text()))
    if edit is not None:
        ix = next(i for i in idl["instructions"] if i["name"] == ix_name)
        ix["accounts"] = [edit if a["name"] == "node" else a for a in ix["accounts"]]
    return Program("io_slashing", IDL, idl)


def _node(**keys: object) -> Json:
    return {"name": "node", "isMut": False, "isSigner": False, **keys}


def _accounts(program: Program, ix_name: str = "dispute") -> list[AccountSpec]:
    ix = next(i for i in program.idl["instructions"] if i["name"] == ix_name)
    return parse_accounts(program, ix)


def test_a_foreign_account_is_checked_against_the_stored_owner() -> None:
    accounts = render(_program())["interface/accounts.rs"]
    assert ("framework::check::compact::account::<io_staking::interface::Node>(&named.node, "
            "config.staking_program(), &\"node\")?") in accounts
    assert ("framework::check::compact::has_one(node.owner(), &named.owner, &\"node\""
            in accounts)


def _dispute_parse(checks: str | None) -> str:
    program = _program()
    ix = next(i for i in program.idl["instructions"] if i["name"] == "dispute")
    ix.pop("checks", None)
    if checks is not None:
        ix["checks"] = checks
    accounts = render(program)["interface/accounts.rs"]
    dispute = accounts[accounts.index("impl<'a> DisputeAccounts"):]
    return dispute[:dispute.index("\nimpl<'a>")]


def test_checks_are_inline_unless_declared_compact() -> None:
    inline, compact = _dispute_parse(None), _dispute_parse("compact")
    assert "framework::check::signer(&named.owner, &\"owner\")?" in inline
    assert "framework::check::compact::" not in inline
    assert "framework::check::compact::signer(&named.owner, &\"owner\")?" in compact
    assert "framework::check::compact::has_one(" in compact
    assert _dispute_parse("inline") == inline


def test_checks_other_than_inline_or_compact_are_refused() -> None:
    with pytest.raises(IdlError, match="dispute: \"checks\" is \"inline\" or \"compact\""):
        compact_checks({"name": "dispute", "checks": "fast"})


def test_the_legacy_idl_has_no_checks_key() -> None:
    legacy = to_legacy_with_address(_program(), "11111111111111111111111111111111")
    assert all("checks" not in ix for ix in legacy["instructions"])


def test_a_cpi_account_is_checked_and_released() -> None:
    accounts = render(_program())["interface/accounts.rs"]
    propose = accounts[accounts.index("impl<'a> ProposeSlashAccounts"):]
    propose = propose[:propose.index("\nimpl<'a>")]
    assert "node.release(); // checked, not kept loaded: passed to a CPI" in propose
    assert "            node: &named.node," in propose


def test_integer_argument_seeds_are_little_endian() -> None:
    accounts = render(_program())["interface/accounts.rs"]
    assert "seeds: &[b\"proposal\", named.node.key(), &args.seq.to_le_bytes()]" in accounts


@pytest.mark.parametrize(("edit", "message"), [
    (_node(account="io_staking::Node"), "needs an owner"),
    (_node(account="io_staking::Node", owner="owner.x"), "names no account|not a loaded"),
    (_node(account="io_staking::Nope", owner="config.stakingProgram"), "not defined"),
    (_node(account="io_missing::Node", owner="config.stakingProgram"),
     "no interface definition"),
    (_node(account="io_staking::Node", owner="config.stakingProgram",
           hasOne=["nothing"]), "names no account"),
    (_node(account="SlashProposal", owner="config.stakingProgram"), "only for accounts of"),
    (_node(cpi=True), "cpi is for existing typed accounts"),
])
def test_the_generator_refuses_what_it_cannot_check(edit: Json, message: str) -> None:
    with pytest.raises(IdlError) as error:
        _accounts(_program(edit))
    assert re.search(message, str(error.value)), error.value
