"""``ionet localnet`` options and the run loop (also ``python -m ionet.localnet``)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from ionet.localnet.ledger import SYNC_MODES, LedgerError
from ionet.localnet.validator import DEFAULT_HISTORY_LIMIT, DEFAULT_SLOT_SECONDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bind", default=None,
                        help="address to listen on (default: Anchor.toml's [test.validator] "
                        "bind_address, else 127.0.0.1)")
    parser.add_argument("--rpc-port", type=int, default=None,
                        help="HTTP JSON-RPC port, 0: any free port (default: [test.validator] "
                        "rpc_port, else 8899)")
    parser.add_argument("--ws-port", type=int, default=None,
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
    parser.add_argument("--slot-ms", type=float, default=DEFAULT_SLOT_SECONDS * 1000,
                        help="wall time per slot in milliseconds")
    parser.add_argument("--history-limit", type=int, default=DEFAULT_HISTORY_LIMIT,
                        help="transactions kept for getTransaction/getSignaturesForAddress")
    parser.add_argument("--quiet", action="store_true", help="print only errors")
    parser.add_argument("--print-endpoints", action="store_true",
                        help="print one machine-readable 'ENDPOINTS {json}' line on stdout")


def find_anchor_toml(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "Anchor.toml"
        if candidate.exists():
            return candidate
    return None


def run(args: argparse.Namespace) -> int:
    """Start the validator and serve until Ctrl-C / SIGTERM."""
    started = time.monotonic()
    from ionet.localnet.genesis import (
        StartError,
        TestValidator,
        ValidatorConfig,
        read_keypair,
        read_test_validator,
        start_validator,
    )
    from ionet.localnet.server import LocalnetServer

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    anchor_toml = None if args.no_programs else (
        args.anchor_toml or find_anchor_toml(Path.cwd()))
    try:
        test_validator = read_test_validator(anchor_toml) if (
            anchor_toml is not None and anchor_toml.exists()) else TestValidator()
    except StartError as exc:
        print(f"ionet localnet: {exc}", file=sys.stderr)
        return 1
    bind = args.bind or test_validator.bind_address or "127.0.0.1"
    rpc_port = args.rpc_port if args.rpc_port is not None else (test_validator.rpc_port or 8899)
    config = ValidatorConfig(
        ledger=args.ledger or test_validator.ledger,
        reset=args.reset,
        recover=args.recover,
        ledger_sync=args.ledger_sync,
        anchor_toml=anchor_toml,
        wallet=read_keypair(args.wallet) if args.wallet else None,
        slot_seconds=args.slot_ms / 1000,
        history_limit=args.history_limit,
        create_wallet=True,
        log=log,
        test_validator=test_validator,
    )
    try:
        validator = start_validator(config)
    except LedgerError as exc:
        print(f"ionet localnet: {exc}", file=sys.stderr, flush=True)
        return 2
    except StartError as exc:
        print(f"ionet localnet: {exc}", file=sys.stderr)
        return 1
    ws_port = args.ws_port
    if ws_port is None:
        ws_port = rpc_port + 1 if rpc_port else 0

    async def main() -> None:
        server = LocalnetServer(validator, bind, rpc_port, ws_port)
        try:
            endpoints = await server.start()
        except OSError as exc:
            print(f"ionet localnet: cannot listen on {bind} (RPC port {rpc_port}, "
                  f"WebSocket port {ws_port}): {exc.strerror or exc}", file=sys.stderr)
            await server.stop()
            raise SystemExit(1) from None
        server.handle_signals()  # before the endpoints are announced: a stop is clean
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
        await server.serve_until_signal()
        if server.failure is not None:
            print(f"ionet localnet: stopped: {server.failure}", file=sys.stderr, flush=True)
            raise SystemExit(1)
        log("ionet localnet: stopped")

    asyncio.run(main())
    return 0
