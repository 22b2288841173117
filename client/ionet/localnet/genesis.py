"""Starting a validator: fresh genesis or a ledger, and our programs at their Anchor.toml ids.

Anchor.toml's ``[test.validator]`` (what ``anchor test`` passes solana-test-validator) is
read as well: ``url`` with ``[[test.validator.clone]] address`` (accounts copied from that
cluster at genesis; an upgradeable program with its ProgramData), ``[[test.validator.account]]
address, filename`` (files in the format ``solana account --output json`` writes),
``slots_per_epoch``, and ``bind_address``, ``rpc_port``, ``ledger`` (defaults of the
``ionet localnet`` options). So is ``[[test.genesis]] address, program, upgradeable``
(programs at genesis, as ``anchor test`` passes them: ``--bpf-program``, or
``--upgradeable-program`` with the wallet as authority).
"""

from __future__ import annotations

import base64
import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solders.account import Account
from solders.epoch_schedule import EpochSchedule
from solders.hash import Hash
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.pubkey import Pubkey

from ionet import onchain_idl
from ionet import svm as svm_mod
from ionet.loader_v3 import (
    LOADER_V3_ID,
    encode_program,
    encode_programdata,
    programdata_address,
)
from ionet.localnet.bootstrap import ensure_bootstrap_accounts
from ionet.localnet.ledger import Ledger, LedgerError
from ionet.localnet.validator import (
    DEFAULT_HISTORY_LIMIT,
    DEFAULT_SLOT_SECONDS,
    FAUCET_LAMPORTS,
    WALLET_LAMPORTS,
    ProgramSpec,
    Validator,
    _log_stderr,
    continue_blockhash_chain,
    system_account,
)


class StartError(Exception):
    """A validator cannot start (a bad Anchor.toml entry, an unreachable clone source)."""


@dataclass
class GenesisProgram:
    """A program put into genesis through the upgradeable loader, as solana-test-validator's
    ``--bpf-program`` (``upgradeable=False``: its authority is the system program's id, so
    nobody can upgrade it) and ``--upgradeable-program`` do."""

    address: Pubkey
    so_path: Path
    upgrade_authority: Pubkey | None = None
    upgradeable: bool = False
    authority_is_wallet: bool = False
    """Anchor.toml's ``[[test.genesis]] upgradeable = true``: the wallet is its authority."""


@dataclass
class TestValidator:
    """Anchor.toml's ``[test.validator]``."""

    __test__ = False  # not a pytest test class

    url: str | None = None
    clone: list[Pubkey] = field(default_factory=list)
    accounts: list[tuple[Pubkey | None, Path]] = field(default_factory=list)
    """(address, file); None: the file's own ``pubkey``."""
    bind_address: str | None = None
    rpc_port: int | None = None
    ledger: Path | None = None
    slots_per_epoch: int | None = None
    clone_upgradeable: list[Pubkey] = field(default_factory=list)
    """Must be upgradeable programs; cloned with their ProgramData."""
    programs: list[GenesisProgram] = field(default_factory=list)


def _pubkey(value: object, what: str) -> Pubkey:
    try:
        return Pubkey.from_string(str(value))
    except ValueError:
        raise StartError(f"{what}: {value!r} is not a public key") from None


def _int(value: object, what: str, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise StartError(f"{what}: {value!r} is not a number") from None
    if not low <= number <= high:
        raise StartError(f"{what}: {number} is not between {low} and {high}")
    return number


def _entries(value: object, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise StartError(f"{what} must be a list of tables ([[{what}]])")
    return value


def read_test_validator(path: Path) -> TestValidator:
    """``[test.validator]`` of the Anchor.toml at ``path``; StartError when malformed."""
    try:
        doc = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StartError(f"cannot read {path}: {exc}") from None
    section = doc.get("test", {}).get("validator", {})
    where = "[test.validator]"
    if not isinstance(section, dict):
        raise StartError(f"{path}: {where} must be a table")
    root = path.parent
    tv = TestValidator()
    if "url" in section:
        tv.url = str(section["url"])
    for entry in _entries(section.get("clone", []), "test.validator.clone"):
        tv.clone.append(_pubkey(entry.get("address"), f"{where} clone address"))
    for entry in _entries(section.get("account", []), "test.validator.account"):
        if "filename" not in entry:
            raise StartError(f"{where} account entries need a filename")
        address = entry.get("address")
        file = Path(os.path.expanduser(str(entry["filename"])))
        tv.accounts.append((None if address in (None, "-") else
                            _pubkey(address, f"{where} account address"),
                            file if file.is_absolute() else root / file))
    for entry in _entries(doc.get("test", {}).get("genesis", []), "test.genesis"):
        if "program" not in entry:
            raise StartError("[[test.genesis]] entries need a program")
        program = Path(os.path.expanduser(str(entry["program"])))
        upgradeable = entry.get("upgradeable", False)
        if not isinstance(upgradeable, bool):
            raise StartError("[[test.genesis]] upgradeable must be true or false")
        tv.programs.append(GenesisProgram(
            _pubkey(entry.get("address"), "[[test.genesis]] address"),
            program if program.is_absolute() else root / program,
            upgradeable=upgradeable, authority_is_wallet=upgradeable))
    if "bind_address" in section:
        tv.bind_address = str(section["bind_address"])
    if "rpc_port" in section:
        tv.rpc_port = _int(section["rpc_port"], f"{where} rpc_port", 1, 65535)
    if "ledger" in section:
        ledger = Path(os.path.expanduser(str(section["ledger"])))
        tv.ledger = ledger if ledger.is_absolute() else root / ledger
    if "slots_per_epoch" in section:
        tv.slots_per_epoch = _int(section["slots_per_epoch"], f"{where} slots_per_epoch",
                                  32, 2**32)
    if (tv.clone or tv.clone_upgradeable) and tv.url is None:
        raise StartError(f"{path}: {where} clone needs the url of the cluster to clone from")
    return tv


def read_account_file(path: Path) -> tuple[Pubkey, Account]:
    """An account in the JSON that ``solana account --output json`` writes."""
    try:
        doc = json.loads(path.read_text())
        body = doc["account"]
        data, encoding = body["data"]
        if encoding != "base64":
            raise ValueError(f"data encoding {encoding!r}, expected base64")
        account = Account(int(body["lamports"]), base64.b64decode(data),
                          Pubkey.from_string(body["owner"]), bool(body["executable"]),
                          int(body.get("rentEpoch", 0)))
        return Pubkey.from_string(doc["pubkey"]), account
    except OSError as exc:
        raise StartError(f"cannot read the account file {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise StartError(f"{path} is not an account file of `solana account --output json`: "
                         f"{exc}") from None


def fetch_accounts(url: str, addresses: list[Pubkey]) -> dict[Pubkey, Account]:
    """The accounts at ``addresses`` on the cluster at ``url``, with the ProgramData of
    upgradeable programs among them; StartError when one is missing."""
    import httpx  # here: only cloning needs it, and it adds 50 ms to every start

    wanted = list(dict.fromkeys(addresses))
    found: dict[Pubkey, Account] = {}
    while wanted:
        batch, wanted = wanted[:100], wanted[100:]
        body = {"jsonrpc": "2.0", "id": 1, "method": "getMultipleAccounts",
                "params": [[str(a) for a in batch], {"encoding": "base64",
                                                    "commitment": "confirmed"}]}
        try:
            reply = httpx.post(url, json=body, timeout=30).json()
            values = reply["result"]["value"]
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise StartError(f"cannot clone accounts from {url}: {exc}") from None
        for address, value in zip(batch, values, strict=True):
            if value is None:
                raise StartError(f"cannot clone {address}: no such account at {url}")
            account = Account(int(value["lamports"]), base64.b64decode(value["data"][0]),
                              Pubkey.from_string(value["owner"]), bool(value["executable"]),
                              int(value.get("rentEpoch", 0)))
            found[address] = account
            if account.executable and account.owner == LOADER_V3_ID:
                programdata = programdata_address(address)
                if programdata not in found and programdata not in wanted:
                    wanted.append(programdata)
    return found


@dataclass
class ValidatorConfig:
    """How to start a validator (what ``ionet localnet`` options set)."""

    ledger: Path | None = None
    """Directory that keeps state across restarts; None: in memory."""
    reset: bool = False
    recover: bool = False
    """Start from the part of a damaged ledger before the damage."""
    ledger_sync: str = "fsync"
    """``fsync``: answers wait until what they report is on disk; ``write``: only until
    it is written to the operating system (see :data:`ionet.localnet.ledger.SYNC_MODES`)."""
    anchor_toml: Path | None = None
    """Programs to deploy (``[programs.localnet]``); None: none."""
    wallet: Keypair | None = None
    """Funded payer and upgrade authority of the programs; None: see :func:`resolve_wallet`."""
    slot_seconds: float = DEFAULT_SLOT_SECONDS
    history_limit: int = DEFAULT_HISTORY_LIMIT
    """Transactions kept in memory for getTransaction, getSignaturesForAddress, …"""
    create_wallet: bool = False
    """Create Anchor.toml's wallet file when it does not exist (what the CLI does)."""
    log: Callable[[str], None] = _log_stderr
    test_validator: TestValidator | None = None
    """Anchor.toml's ``[test.validator]``; None: read it from ``anchor_toml``."""
    warp_slot: int | None = None
    """The slot a new ledger starts at (default 1)."""
    faucet_lamports: int = FAUCET_LAMPORTS


def read_keypair(path: Path, what: str = "keypair") -> Keypair:
    """A keypair file of the Solana CLI (a JSON array of 64 bytes); StartError if not."""
    try:
        return Keypair.from_bytes(bytes(json.loads(path.read_text())))
    except OSError as exc:
        raise StartError(f"cannot read the {what} file {path}: {exc.strerror or exc}") from None
    except (ValueError, TypeError) as exc:
        raise StartError(f"{path} is not a {what} file (a JSON array of 64 bytes): "
                         f"{exc}") from None


def write_keypair(path: Path, keypair: Keypair) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(list(bytes(keypair))))
    os.chmod(path, 0o600)


def read_anchor_toml(path: Path) -> tuple[list[ProgramSpec], Path | None]:
    """Programs of ``[programs.localnet]`` and the ``[provider] wallet`` path."""
    try:
        doc = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StartError(f"cannot read {path}: {exc}") from None
    root = path.parent
    specs = []
    for name, value in doc.get("programs", {}).get("localnet", {}).items():
        address = value if isinstance(value, str) else value.get("address", "")
        specs.append(
            ProgramSpec(
                name=name,
                program_id=_pubkey(address, f"{path}: [programs.localnet] {name}"),
                so_path=root / "target" / "deploy" / f"{name}.so",
                keypair_path=root / "target" / "deploy" / f"{name}-keypair.json",
            )
        )
    wallet = doc.get("provider", {}).get("wallet")
    wallet_path = Path(os.path.expanduser(wallet)) if wallet else None
    if wallet_path is not None and not wallet_path.is_absolute():
        wallet_path = root / wallet_path
    return specs, wallet_path


def _deploy(validator: Validator, spec: ProgramSpec) -> None:
    log = validator.log
    if not spec.so_path.exists():
        log(f"warning: {spec.name}: {spec.so_path} is missing, not deployed")
        return
    elf = spec.so_path.read_bytes()
    svm = validator.svm
    pd_address = programdata_address(spec.program_id)
    existing = svm.get_account(spec.program_id)
    try:
        if existing is None or existing.lamports == 0:
            if not spec.keypair_path.exists():
                log(f"warning: {spec.name}: {spec.keypair_path} is missing, not deployed")
                return
            program_keypair = read_keypair(spec.keypair_path)
            if program_keypair.pubkey() != spec.program_id:
                log(f"warning: {spec.name}: {spec.keypair_path} is not the key of "
                    f"{spec.program_id}, not deployed")
                return
            svm_mod.deploy_program(svm, validator.wallet, program_keypair, elf,
                                   upgrade_authority=validator.wallet)
            log(f"deployed {spec.name} at {spec.program_id} ({len(elf)} bytes)")
        else:
            data = svm.get_account(pd_address)
            current = bytes(data.data[45 : 45 + len(elf)]) if data is not None else b""
            if current == elf:
                validator.programs[spec.name] = spec.program_id
                _install_idl(validator, spec)
                return
            authority = svm_mod.program_upgrade_authority(svm, spec.program_id)
            if authority != validator.wallet.pubkey():
                log(f"warning: {spec.name} changed on disk but its upgrade authority is "
                    f"{authority}, not the wallet: kept the deployed version")
                validator.programs[spec.name] = spec.program_id
                return
            svm_mod.upgrade_program(svm, validator.wallet, spec.program_id, elf, validator.wallet)
            log(f"upgraded {spec.name} at {spec.program_id} ({len(elf)} bytes)")
    except svm_mod.TransactionFailed as exc:
        log(f"warning: {spec.name}: deployment failed: {exc}")
        return
    except svm_mod.SvmPanic as exc:
        log(f"warning: {spec.name}: the runtime rejected the program: {exc}")
        return
    validator.programs[spec.name] = spec.program_id
    validator.touch([spec.program_id, pd_address, validator.wallet.pubkey()])
    _install_idl(validator, spec)


def _install_idl(validator: Validator, spec: ProgramSpec) -> None:
    """The program's IDL account, as `anchor deploy` leaves it (`anchor idl init` with the
    wallet as IDL authority), from target/idl/<name>.json. An IDL account of another
    authority is left alone."""
    path = spec.so_path.parent.parent / "idl" / f"{spec.name}.json"
    if not path.exists():
        return
    try:
        idl = json.loads(path.read_text())
    except ValueError as exc:
        validator.log(f"warning: {spec.name}: {path} is not JSON ({exc}): no IDL on chain")
        return
    idl["address"] = str(spec.program_id)
    address = onchain_idl.idl_address(spec.program_id)
    existing = validator.svm.get_account(address)
    if existing is not None and existing.lamports > 0:
        try:
            current = onchain_idl.decode(bytes(existing.data))
        except ValueError:
            return
        if current.authority != validator.wallet.pubkey() or current.idl == idl:
            return
    data = onchain_idl.account_data(validator.wallet.pubkey(), idl)
    lamports = validator.svm.minimum_balance_for_rent_exemption(len(data))
    validator.svm.set_account(address, Account(lamports, data, spec.program_id, False, 0))
    validator.touch([address])


def _account_file(address: Pubkey | None, path: Path) -> tuple[Pubkey, Account]:
    own, account = read_account_file(path)
    return address or own, account


def resolve_wallet(config: ValidatorConfig, anchor_wallet: Path | None) -> Keypair:
    """The explicit wallet, else Anchor.toml's, else one kept in the ledger, else a new one."""
    if config.wallet is not None:
        return config.wallet
    if anchor_wallet is not None and anchor_wallet.exists():
        return read_keypair(anchor_wallet)
    if anchor_wallet is not None and config.create_wallet:
        keypair = Keypair()
        write_keypair(anchor_wallet, keypair)
        config.log(f"created the wallet keypair {anchor_wallet} ({keypair.pubkey()})")
        return keypair
    if config.ledger is not None:
        path = config.ledger / "wallet.json"
        if path.exists():
            return read_keypair(path)
        keypair = Keypair()
        write_keypair(path, keypair)
        return keypair
    return Keypair()


def start_validator(config: ValidatorConfig) -> Validator:
    """Build the validator: load the ledger (or make genesis), then deploy our programs."""
    specs: list[ProgramSpec] = []
    anchor_wallet = None
    if config.anchor_toml is not None:
        if not config.anchor_toml.is_file():
            raise StartError(f"{config.anchor_toml} does not exist (--anchor-toml)")
        specs, anchor_wallet = read_anchor_toml(config.anchor_toml)
    test_validator = config.test_validator
    if test_validator is None and config.anchor_toml is not None and config.anchor_toml.exists():
        test_validator = read_test_validator(config.anchor_toml)
    test_validator = test_validator or TestValidator()
    wallet = resolve_wallet(config, anchor_wallet)
    ledger = None
    if config.ledger is not None:
        ledger = Ledger(config.ledger, reset=config.reset, recover=config.recover,
                        sync=config.ledger_sync, history_limit=config.history_limit,
                        log=config.log)
    svm = svm_mod.new_svm()
    if test_validator.slots_per_epoch is not None:
        # As solana-test-validator --slots-per-epoch: no warmup epochs.
        slots = test_validator.slots_per_epoch
        svm.set_epoch_schedule(EpochSchedule.custom(slots, slots, False))
    state = ledger.load_state() if ledger is not None else None
    if state is None:
        # Genesis accounts: from files, then clones (fetched before anything is set).
        genesis = dict(_account_file(address, path) for address, path in test_validator.accounts)
        genesis.update(_cloned(test_validator))
        for program in test_validator.programs:
            if program.authority_is_wallet:
                program.upgrade_authority = wallet.pubkey()
            genesis.update(_program_accounts(svm, program))
        faucet = Keypair()
        # Programs last: LiteSVM loads a program when it is set, from its ProgramData.
        for address, account in sorted(genesis.items(), key=lambda item: item[1].executable):
            try:
                svm.set_account(address, account)
            except Exception as exc:  # solders.LiteSVMError, not importable by name
                raise StartError(f"cannot load the genesis account {address}: {exc}") from None
        svm.set_account(faucet.pubkey(), system_account(config.faucet_lamports))
        svm.set_account(wallet.pubkey(), system_account(WALLET_LAMPORTS))
        validator = Validator(svm, wallet, faucet, genesis_hash=Hash(os.urandom(32)),
                              slot=config.warp_slot or 1,
                              slot_seconds=config.slot_seconds,
                              history_limit=config.history_limit, log=config.log)
        validator.first_slot = 0 if config.warp_slot is None else config.warp_slot
        validator.touch([faucet.pubkey(), wallet.pubkey(), *genesis])
        for address in genesis:
            config.log(f"genesis account {address}")
    else:
        assert ledger is not None
        try:
            validator = _restore(ledger, state, svm, wallet, config)
        except (KeyError, ValueError, TypeError) as exc:
            ledger.close()
            raise LedgerError(f"{ledger.file} holds an inconsistent state ({exc}): start with "
                              "--reset to begin from genesis") from None
    validator.ledger = ledger
    ensure_bootstrap_accounts(validator)
    # Deployments run on LiteSVM's own blockhash and move its clock: resync afterwards.
    svm.with_blockhash_check(True).with_transaction_history(16)
    for spec in specs:
        _deploy(validator, spec)
    svm.with_blockhash_check(False).with_transaction_history(0)
    validator.resync_clock()
    validator.flush()
    if ledger is not None:
        ledger.compact_if_large(validator)
    return validator


def _cloned(test_validator: TestValidator) -> dict[Pubkey, Account]:
    """The accounts to clone from ``url``: ``clone`` and ``clone_upgradeable``."""
    wanted = [*test_validator.clone, *test_validator.clone_upgradeable]
    if not wanted:
        return {}
    assert test_validator.url is not None
    found = fetch_accounts(test_validator.url, wanted)
    for address in test_validator.clone_upgradeable:
        account = found[address]
        if not (account.executable and account.owner == LOADER_V3_ID):
            raise StartError(f"cannot clone {address} as an upgradeable program: it is not "
                             f"one (owner {account.owner})")
    return found


def _program_accounts(svm: LiteSVM, program: GenesisProgram) -> dict[Pubkey, Account]:
    """The Program and ProgramData accounts of a genesis program (deployed at slot 0)."""
    try:
        elf = program.so_path.read_bytes()
    except OSError as exc:
        raise StartError(f"cannot read the program {program.so_path}: "
                         f"{exc.strerror or exc}") from None
    programdata = programdata_address(program.address)
    authority = program.upgrade_authority if program.upgradeable else Pubkey.default()
    data = encode_programdata(0, authority, elf)
    code = encode_program(programdata)
    rent = svm.minimum_balance_for_rent_exemption
    return {
        programdata: Account(rent(len(data)), data, LOADER_V3_ID, False, 0),
        program.address: Account(rent(len(code)), code, LOADER_V3_ID, True, 0),
    }


def _restore(ledger: Ledger, state: dict[str, Any], svm: LiteSVM, wallet: Keypair,
             config: ValidatorConfig) -> Validator:
    """The validator a ledger holds (its accounts, history, clock and blockhashes)."""
    # First, so that the blockhash the new validator makes continues the ledger's chain.
    expires = continue_blockhash_chain(svm, state)
    ledger.restore_accounts(svm)
    if svm.get_balance(wallet.pubkey()) in (None, 0):
        svm.set_account(wallet.pubkey(), system_account(WALLET_LAMPORTS))
    validator = Validator(
        svm,
        wallet,
        Keypair.from_bytes(bytes.fromhex(state["faucet"])),
        genesis_hash=Hash.from_string(state["genesis_hash"]),
        slot=int(state["slot"]) + 1,
        slot_seconds=config.slot_seconds,
        time_offset=float(state["time_offset"]),
        last_unix=int(state["unix"]),
        history_limit=config.history_limit,
        log=config.log,
        svm_expires=expires,
    )
    validator.first_slot = int(state.get("first_slot", 0))
    ledger.restore_index(validator)
    validator.touch([wallet.pubkey()])
    validator.restore_blockhashes(state)
    return validator
