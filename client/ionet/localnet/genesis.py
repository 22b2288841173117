"""Starting a validator: fresh genesis or a ledger, and our programs at their Anchor.toml ids."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from solders.hash import Hash
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.pubkey import Pubkey

from ionet import svm as svm_mod
from ionet.loader_v3 import programdata_address
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


def read_keypair(path: Path) -> Keypair:
    return Keypair.from_bytes(bytes(json.loads(path.read_text())))


def write_keypair(path: Path, keypair: Keypair) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(list(bytes(keypair))))
    os.chmod(path, 0o600)


def read_anchor_toml(path: Path) -> tuple[list[ProgramSpec], Path | None]:
    """Programs of ``[programs.localnet]`` and the ``[provider] wallet`` path."""
    doc = tomllib.loads(path.read_text())
    root = path.parent
    specs = []
    for name, value in doc.get("programs", {}).get("localnet", {}).items():
        address = value if isinstance(value, str) else value.get("address", "")
        specs.append(
            ProgramSpec(
                name=name,
                program_id=Pubkey.from_string(address),
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
        if config.anchor_toml.exists():
            specs, anchor_wallet = read_anchor_toml(config.anchor_toml)
        else:
            config.log(f"warning: {config.anchor_toml} not found, no programs deployed")
    wallet = resolve_wallet(config, anchor_wallet)
    ledger = None
    if config.ledger is not None:
        ledger = Ledger(config.ledger, reset=config.reset, recover=config.recover,
                        sync=config.ledger_sync, history_limit=config.history_limit,
                        log=config.log)
    svm = svm_mod.new_svm()
    state = ledger.load_state() if ledger is not None else None
    if state is None:
        faucet = Keypair()
        svm.set_account(faucet.pubkey(), system_account(FAUCET_LAMPORTS))
        svm.set_account(wallet.pubkey(), system_account(WALLET_LAMPORTS))
        validator = Validator(svm, wallet, faucet, genesis_hash=Hash(os.urandom(32)), slot=1,
                              slot_seconds=config.slot_seconds,
                              history_limit=config.history_limit, log=config.log)
        validator.touch([faucet.pubkey(), wallet.pubkey()])
    else:
        assert ledger is not None
        try:
            validator = _restore(ledger, state, svm, wallet, config)
        except (KeyError, ValueError, TypeError) as exc:
            ledger.close()
            raise LedgerError(f"{ledger.file} holds an inconsistent state ({exc}): start with "
                              "--reset to begin from genesis") from None
    validator.ledger = ledger
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
    ledger.restore_index(validator)
    validator.touch([wallet.pubkey()])
    validator.restore_blockhashes(state)
    return validator
