"""idlgen's `pdas.py`: one address function per PDA account of each interface definition,
each equal to `find_program_address` of the seeds its docstring names, and a refusal of
two declarations of one account that disagree."""

from __future__ import annotations

import copy
import importlib
import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from solders.pubkey import Pubkey

from idlgen.model import IdlError, Program, snake
from idlgen.pdas import render_pdas
from idlgen.workspace import program_ids

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = ["io_escrow", "io_slashing", "io_staking"]
_DOC_SEEDS = re.compile(r"seeds ``\[(.*)\]``")
_ARG = re.compile(r"(\w+) \((?:(u|i)(\d+), little-endian|\[u8; (\d+)\])\)")


def _pdas_module(name: str) -> ModuleType:
    return importlib.import_module(f"ionet.generated.{name}.pdas")


def _functions(module: ModuleType) -> dict[str, Callable[..., Pubkey]]:
    return {n: getattr(module, n) for n in module.__all__ if n.endswith("_address")}


def _declared_seeds(name: str) -> dict[str, set[tuple[str, ...]]]:
    """Per PDA account, read from idl.json as it stands: the seeds' kinds and constants."""
    idl = json.loads((ROOT / "programs" / name / "idl.json").read_text())
    declared: dict[str, set[tuple[str, ...]]] = {}
    for ix in idl["instructions"]:
        for account in ix["accounts"]:
            if "pda" in account:
                shape = tuple(f'"{s["value"]}"' if s["kind"] == "const" else s["kind"]
                              for s in account["pda"]["seeds"])
                declared.setdefault(snake(account["name"]), set()).add(shape)
    return declared


def _documented(function: Callable[..., Pubkey]) -> list[str]:
    match = _DOC_SEEDS.search(function.__doc__ or "")
    assert match, f"{function.__name__} does not name its seeds"
    return [part.strip() for part in re.split(r",(?![^(]*\))", match.group(1))]


def _value_and_bytes(doc_seed: str, index: int) -> tuple[str | None, Any, bytes]:
    """(parameter name or None for a constant, a value for it, the seed's bytes)."""
    if doc_seed.startswith('"'):
        return None, None, doc_seed.strip('"').encode()
    arg = _ARG.fullmatch(doc_seed)
    if arg is None:
        key = Pubkey.new_unique()
        return doc_seed, key, bytes(key)
    name, sign, bits, array = arg.groups()
    if array is not None:
        raw = bytes(range(index, index + int(array)))
        return name, raw, raw
    value = -(2 ** (int(bits) - 1)) + 7 if sign == "i" else 2 ** int(bits) - 1 - index
    return name, value, value.to_bytes(int(bits) // 8, "little", signed=sign == "i")


@pytest.mark.parametrize("name", PROGRAMS)
def test_each_address_is_the_pda_of_the_seeds_it_documents(name: str) -> None:
    functions = _functions(_pdas_module(name))
    default = Pubkey.from_string(program_ids(ROOT)[name])
    other = Pubkey.new_unique()
    for function_name, function in functions.items():
        kwargs: dict[str, Any] = {}
        seeds = []
        for index, doc_seed in enumerate(_documented(function)):
            param, value, raw = _value_and_bytes(doc_seed, index)
            if param is not None:
                kwargs[param] = value
            seeds.append(raw)
        params = list(inspect.signature(function).parameters)
        assert params == [*kwargs, "program_id"], function_name
        assert inspect.signature(function).parameters["program_id"].default == default
        for program_id in (default, other):
            expected = Pubkey.find_program_address(seeds, program_id)[0]
            assert function(**kwargs, program_id=program_id) == expected, function_name


@pytest.mark.parametrize("name", PROGRAMS)
def test_every_declared_pda_has_one_function_with_its_seeds(name: str) -> None:
    functions = _functions(_pdas_module(name))
    declared = _declared_seeds(name)
    assert sorted(functions) == sorted(f"{account}_address" for account in declared)
    for account, shapes in declared.items():
        documented = tuple(s if s.startswith('"') else "arg" if "(" in s else "account"
                           for s in _documented(functions[f"{account}_address"]))
        assert shapes == {documented}, account


def test_constant_seeds_are_named_after_their_value() -> None:
    staking = _pdas_module("io_staking")
    assert (staking.CONFIG_SEED, staking.REWARDS_SEED, staking.STAKE_VAULT_SEED) == \
        (b"config", b"rewards", b"stake_vault")
    assert _pdas_module("io_slashing").SLASHER_SEED == b"slasher"


def test_parameters_take_the_names_most_declarations_use() -> None:
    """`stake` seeds the position with its `owner`, seven other instructions with `staker`."""
    position = _pdas_module("io_staking").position_address
    assert list(inspect.signature(position).parameters) == ["node", "staker", "program_id"]


def test_arguments_out_of_their_type_are_refused() -> None:
    with pytest.raises(ValueError, match="job_id is out of the u64 range: -1"):
        _pdas_module("io_escrow").escrow_address(Pubkey.new_unique(), -1)
    with pytest.raises(ValueError, match="seq is out of the u64 range"):
        _pdas_module("io_slashing").proposal_address(Pubkey.new_unique(), 2**64)
    with pytest.raises(ValueError, match="node_id is 32 bytes, got 3"):
        _pdas_module("io_staking").node_address(b"abc")


def _edited(name: str, edit: Callable[[dict[str, Any]], None]) -> Program:
    path = ROOT / "programs" / name / "idl.json"
    idl = copy.deepcopy(json.loads(path.read_text()))
    edit(idl)
    return Program(name, path, idl)


def test_two_declarations_that_disagree_fail_generation() -> None:
    def reseed(idl: dict[str, Any]) -> None:
        ix = next(i for i in idl["instructions"] if i["name"] == "withdraw")
        config = next(a for a in ix["accounts"] if a["name"] == "config")
        config["pda"]["seeds"][0]["value"] = "konfig"

    with pytest.raises(IdlError, match=r"io_staking: account 'config' has other pda seeds in "
                                       r'withdraw \(\["konfig"\]\) than in initialize '
                                       r'\(\["config"\]\)'):
        render_pdas(_edited("io_staking", reseed))


def test_an_unsupported_argument_seed_type_fails_generation() -> None:
    def string_seq(idl: dict[str, Any]) -> None:
        ix = next(i for i in idl["instructions"] if i["name"] == "proposeSlash")
        next(a for a in ix["args"] if a["name"] == "seq")["type"] = "string"

    with pytest.raises(IdlError, match="argument seed 'seq' of type 'string' is not supported"):
        render_pdas(_edited("io_slashing", string_seq))


def test_a_constant_seed_that_is_not_a_word_fails_generation() -> None:
    def byte_seed(idl: dict[str, Any]) -> None:
        ix = next(i for i in idl["instructions"] if i["name"] == "initialize")
        config = next(a for a in ix["accounts"] if a["name"] == "config")
        config["pda"]["seeds"][0]["value"] = [1, 2]

    with pytest.raises(IdlError, match=r"io_slashing\.initialize\.config: a constant seed that "
                                       r"is not a word cannot name its constant"):
        render_pdas(_edited("io_slashing", byte_seed))
