"""``ionet localnet`` options and the run loop (also ``python -m ionet.localnet``).

The options follow solana-test-validator's where it has them (``--bpf-program``,
``--upgradeable-program``, ``--account``, ``--clone``, ``--clone-upgradeable-program``,
``-u/--url``, ``--warp-slot``, ``--slots-per-epoch``, ``--faucet-sol``, ``--log``,
``--quiet``). Every bad input is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from solders.pubkey import Pubkey

from ionet.localnet.ledger import SYNC_MODES, LedgerError
from ionet.localnet.validator import (
    DEFAULT_HISTORY_LIMIT,
    DEFAULT_SLOT_SECONDS,
    FAUCET_LAMPORTS,
)

if TYPE_CHECKING:
    from ionet.localnet.genesis import TestValidator

LAMPORTS_PER_SOL = 10**9


class OneLineParser(argparse.ArgumentParser):
    """Says what is wrong with the command line in one line (no usage dump), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def make_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="ionet localnet",
        description="A Solana JSON-RPC + WebSocket node over the Agave runtime (LiteSVM), "
        "with the Anchor.toml programs deployed through the upgradeable loader.")
    add_arguments(parser)
    return parser


_N = TypeVar("_N", int, float)


def _number(text: str, kind: type[_N], what: str) -> _N:
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None


def _port(text: str) -> int:
    port = _number(text, int, "a port number")
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (0-65535)")
    return port


def _positive_ms(text: str) -> float:
    value = _number(text, float, "a number")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} must be more than 0")
    return value


def _slot(text: str) -> int:
    value = _number(text, int, "a slot number")
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{value} is not a slot number")
    return value


def _count(text: str) -> int:
    value = _number(text, int, "a number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} must be 0 or more")
    return value


def _slots_per_epoch(text: str) -> int:
    value = _slot(text)
    if not 32 <= value <= 2**32:  # Agave's MINIMUM_SLOTS_PER_EPOCH
        raise argparse.ArgumentTypeError(f"{value} is not between 32 and {2**32}")
    return value


def _sol(text: str) -> int:
    """Whole or fractional SOL, in lamports."""
    try:
        lamports = Decimal(text) * LAMPORTS_PER_SOL
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount of SOL") from None
    if not lamports.is_finite() or lamports <= 0 or lamports != lamports.to_integral_value() \
            or lamports >= 2**64:
        raise argparse.ArgumentTypeError(f"{text} is not an amount of SOL above 0 with at "
                                         "most 9 decimals")
    return int(lamports)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bind", default=None,
                        help="address to listen on (default: Anchor.toml's [test.validator] "
                        "bind_address, else 127.0.0.1)")
    parser.add_argument("--rpc-port", type=_port, default=None,
                        help="HTTP JSON-RPC port, 0: any free port (default: [test.validator] "
                        "rpc_port, else 8899)")
    parser.add_argument("--ws-port", type=_port, default=None,
                        help="WebSocket port (default: RPC port + 1, or any if 0)")
    parser.add_argument("--ledger", type=Path, default=None,
                        help="keep state in this directory across restarts (default: "
                        "[test.validator] ledger, else in memory)")
    parser.add_argument("--reset", action="store_true",
                        help="start the ledger from genesis again")
    parser.add_argument("--recover", action="store_true",
                        help="start a damaged ledger from what comes before the damage")
    parser.add_argument("--ledger-sync", choices=SYNC_MODES, default="fsync",
                        help="answer once the ledger write is fsync-ed (default; survives a "
                        "power loss) or once it is written to the OS (faster; survives a "
                        "crash of the node, not of the machine)")
    parser.add_argument("--anchor-toml", type=Path, default=None,
                        help="programs to deploy ([programs.localnet]); default: the "
                        "nearest Anchor.toml from the current directory up")
    parser.add_argument("--no-programs", action="store_true", help="deploy no programs")
    parser.add_argument("--wallet", type=Path, default=None,
                        help="keypair file of the funded wallet and program upgrade "
                        "authority (default: Anchor.toml's [provider] wallet)")
    parser.add_argument("--slot-ms", type=_positive_ms, default=DEFAULT_SLOT_SECONDS * 1000,
                        help="wall time per slot in milliseconds")
    parser.add_argument("--history-limit", type=_count, default=DEFAULT_HISTORY_LIMIT,
                        help="transactions kept for getTransaction/getSignaturesForAddress")
    genesis = parser.add_argument_group(
        "genesis (as solana-test-validator; used when the ledger is new)")
    genesis.add_argument("--bpf-program", nargs=2, action="append", default=[],
                         metavar=("ADDRESS_OR_KEYPAIR", "SO"),
                         help="a program, not upgradeable, at this address")
    genesis.add_argument("--upgradeable-program", nargs=3, action="append", default=[],
                         metavar=("ADDRESS_OR_KEYPAIR", "SO", "AUTHORITY"),
                         help="an upgradeable program; AUTHORITY is a keypair file, a public "
                         "key or 'none'")
    genesis.add_argument("--account", nargs=2, action="append", default=[],
                         metavar=("ADDRESS", "JSON_FILE"),
                         help="an account from a file of `solana account --output json` "
                         "(ADDRESS '-': the file's own)")
    genesis.add_argument("-u", "--url", default=None,
                         help="cluster to --clone from: a URL or localnet, devnet, testnet, "
                         "mainnet-beta (l d t m); default Anchor.toml's [test.validator] url")
    genesis.add_argument("--clone", action="append", default=[], metavar="ADDRESS",
                         help="copy this account from --url")
    genesis.add_argument("--clone-upgradeable-program", action="append", default=[],
                         metavar="ADDRESS",
                         help="copy this upgradeable program and its ProgramData from --url")
    genesis.add_argument("--warp-slot", type=_slot, default=None, metavar="SLOT",
                         help="start the new ledger at this slot")
    genesis.add_argument("--slots-per-epoch", type=_slots_per_epoch, default=None,
                         metavar="SLOTS", help="epoch length, without warmup epochs")
    genesis.add_argument("--faucet-sol", type=_sol, default=None, metavar="SOL",
                         help=f"the faucet's balance (default {FAUCET_LAMPORTS // 10**9:,})")
    parser.add_argument("--log", action="store_true",
                        help="write every transaction's program logs to validator.log in the "
                        "ledger directory (or the current directory)")
    parser.add_argument("--quiet", action="store_true",
                        help="print only errors (no line per transaction, no status line)")
    parser.add_argument("--print-endpoints", action="store_true",
                        help="print one machine-readable 'ENDPOINTS {json}' line on stdout")


def find_anchor_toml(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "Anchor.toml"
        if candidate.exists():
            return candidate
    return None


def _address(text: str, what: str) -> Pubkey:
    """A public key, or the key of a keypair file (as solana-test-validator takes them)."""
    from ionet.localnet.genesis import StartError, read_keypair

    if Path(text).expanduser().is_file():
        return read_keypair(Path(text).expanduser(), what).pubkey()
    try:
        return Pubkey.from_string(text)
    except ValueError:
        raise StartError(f"{what}: {text!r} is neither a public key nor a keypair "
                         "file") from None


def _genesis_options(args: argparse.Namespace, tv: TestValidator) -> TestValidator:
    """Anchor.toml's ``[test.validator]`` with the command line's genesis options added."""
    from ionet.localnet.genesis import GenesisProgram, StartError

    for address, so in args.bpf_program:
        tv.programs.append(GenesisProgram(_address(address, "--bpf-program"), Path(so)))
    for address, so, authority in args.upgradeable_program:
        owner = None if authority == "none" else _address(
            authority, "--upgradeable-program authority")
        tv.programs.append(GenesisProgram(_address(address, "--upgradeable-program"),
                                          Path(so), owner, upgradeable=True))
    for address, file in args.account:
        tv.accounts.append((None if address == "-" else _address(address, "--account"),
                            Path(file)))
    if args.url is not None:
        # Here, not at the top: the CLI's package (anchorpy and all) adds a quarter of a
        # second to every start, and only -u needs its cluster names.
        from ionet.cli.context import CliError, resolve_url

        try:
            tv.url = resolve_url(args.url)
        except CliError as exc:
            raise StartError(f"--url: {exc}") from None
    tv.clone += [_address(a, "--clone") for a in args.clone]
    tv.clone_upgradeable += [_address(a, "--clone-upgradeable-program")
                             for a in args.clone_upgradeable_program]
    if (tv.clone or tv.clone_upgradeable) and tv.url is None:
        raise StartError("--clone needs -u/--url, the cluster to clone from")
    if args.slots_per_epoch is not None:
        tv.slots_per_epoch = args.slots_per_epoch
    return tv


def _check_paths(args: argparse.Namespace, ledger: Path | None) -> None:
    from ionet.localnet.genesis import StartError

    if args.anchor_toml is not None and not args.no_programs and not args.anchor_toml.is_file():
        raise StartError(f"--anchor-toml {args.anchor_toml}: no such file")
    if ledger is not None and ledger.exists() and not ledger.is_dir():
        raise StartError(f"--ledger {ledger} is a file, not a directory")


def run(args: argparse.Namespace) -> int:
    """Start the validator and serve until Ctrl-C / SIGTERM."""
    started = time.monotonic()
    from ionet.localnet.console import Console
    from ionet.localnet.genesis import (
        StartError,
        TestValidator,
        ValidatorConfig,
        read_keypair,
        read_test_validator,
        start_validator,
    )
    from ionet.localnet.server import LocalnetServer
    from ionet.localnet.tpu import start_tpu

    console = Console(quiet=args.quiet)
    log = console.message
    anchor_toml = None if args.no_programs else (
        args.anchor_toml or find_anchor_toml(Path.cwd()))
    try:
        test_validator = read_test_validator(anchor_toml) if (
            anchor_toml is not None and anchor_toml.is_file()) else TestValidator()
        ledger = args.ledger or test_validator.ledger
        _check_paths(args, ledger)
        test_validator = _genesis_options(args, test_validator)
        config = ValidatorConfig(
            ledger=ledger,
            reset=args.reset,
            recover=args.recover,
            ledger_sync=args.ledger_sync,
            anchor_toml=anchor_toml,
            wallet=read_keypair(args.wallet, "wallet") if args.wallet else None,
            slot_seconds=args.slot_ms / 1000,
            history_limit=args.history_limit,
            create_wallet=True,
            log=log,
            test_validator=test_validator,
            warp_slot=args.warp_slot,
            faucet_lamports=args.faucet_sol or FAUCET_LAMPORTS,
        )
        validator = start_validator(config)
    except LedgerError as exc:
        print(f"ionet localnet: {exc}", file=sys.stderr, flush=True)
        return 2
    except StartError as exc:
        print(f"ionet localnet: {exc}", file=sys.stderr)
        return 1
    bind = args.bind or test_validator.bind_address or "127.0.0.1"
    rpc_port = args.rpc_port if args.rpc_port is not None else (test_validator.rpc_port or 8899)
    ws_port = args.ws_port
    if ws_port is None:
        ws_port = rpc_port + 1 if rpc_port else 0
    if args.log:
        console.program_log = (config.ledger or Path.cwd()) / "validator.log"

    async def main() -> None:
        server = LocalnetServer(validator, bind, rpc_port, ws_port)
        try:
            endpoints = await server.start()
        except (OSError, OverflowError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            print(f"ionet localnet: cannot listen on {bind} (RPC port {rpc_port}, "
                  f"WebSocket port {ws_port}): {reason}", file=sys.stderr)
            await server.stop()
            raise SystemExit(1) from None
        server.handle_signals()  # before the endpoints are announced: a stop is clean
        tpu, tpu_port = await start_tpu(validator, bind, server.committer.commit)
        host = endpoints.rpc_url.removeprefix("http://").rsplit(":", 1)[0]
        validator.contact.update(rpc=endpoints.rpc_url.removeprefix("http://"),
                                 pubsub=endpoints.ws_url.removeprefix("ws://"),
                                 tpu=f"{host}:{tpu_port}")
        info = validator.info()
        log(f"ionet localnet: JSON-RPC {endpoints.rpc_url}  WebSocket {endpoints.ws_url}")
        log(f"  wallet {info['wallet']}  faucet {info['faucet']}  "
            f"genesis {info['genesisHash']}")
        for name, pid in info["programs"].items():
            log(f"  program {name} {pid}")
        log(f"  ledger {info['ledger'] or '(in memory)'}  slot {validator.slot}  "
            f"ready in {time.monotonic() - started:.2f} s")
        if args.print_endpoints:
            print("ENDPOINTS " + json.dumps({"rpc": endpoints.rpc_url, "ws": endpoints.ws_url,
                                             **info}), flush=True)
        console.attach(validator)
        await server.serve_until_signal()
        tpu.close()
        console.close()
        if server.failure is not None:
            print(f"ionet localnet: stopped: {server.failure}", file=sys.stderr, flush=True)
            raise SystemExit(1)
        log("ionet localnet: stopped")

    asyncio.run(main())
    return 0
