"""The CLI tests' harness: :class:`World` runs the real ``ionet`` console script as a
subprocess (``run``, ``ok``, ``json``, ``fails``) in a home directory and a working directory
of its own, and sets up what the tests need on chain (funded keypair files holding stake
tokens, reward vault funds, clock warps).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.instructions import (
    MintToCheckedParams,
    create_associated_token_account,
    get_associated_token_address,
    mint_to_checked,
)

from ionet.testing import TestCluster, connect_http

ROOT = Path(__file__).resolve().parents[2]
STAKING_SO = ROOT / "target" / "deploy" / "io_staking.so"
IONET = Path(sys.executable).with_name("ionet")
DECIMALS = 6
IO = 10**DECIMALS
SLASHING_ID = "3RNJEwzkbRsm8MDJp7gfUwn8wpoB3iSLJy5yYFF3SBhS"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def write_keypair(path: Path, keypair: Keypair) -> Path:
    path.write_text(json.dumps(list(bytes(keypair))))
    return path


@dataclass
class World:
    url: str
    home: Path
    workdir: Path
    deployer: Keypair
    deployer_path: Path
    program_id: Pubkey = field(default_factory=Pubkey.default)
    mint: Pubkey = field(default_factory=Pubkey.default)
    mint_authority: Keypair = field(default_factory=Keypair)
    reward_authority: Keypair = field(default_factory=Keypair)
    pause_authority: Keypair = field(default_factory=Keypair)
    _count: int = 0

    # ---- running the CLI

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "SOLANA_CONFIG"}
        env.update(HOME=str(self.home), IONET_HOME=str(self.home / "ionet"),
                   COLUMNS="200")
        return env

    def run(self, *args: str, cwd: Path | None = None) -> Result:
        proc = subprocess.run([str(IONET), *args], cwd=cwd or self.workdir, env=self.env(),
                              capture_output=True, text=True, timeout=120)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *args: str, cwd: Path | None = None) -> Result:
        result = self.run(*args, cwd=cwd)
        assert result.code == 0, f"ionet {' '.join(args)} failed ({result.code}): {result.err}"
        assert "Traceback" not in result.err
        return result

    def json(self, *args: str, cwd: Path | None = None) -> Any:
        return self.ok(*args, "--output", "json", cwd=cwd).json

    def fails(self, *args: str, message: str, cwd: Path | None = None) -> Result:
        """Runs and expects a non-zero exit with one line on stderr containing ``message``."""
        result = self.run(*args, cwd=cwd)
        assert result.code != 0, f"ionet {' '.join(args)} succeeded: {result.out}"
        assert "Traceback" not in result.err, result.err
        lines = result.err.strip().splitlines()
        assert len(lines) == 1, f"expected one line, got: {result.err}"
        assert message in lines[0], f"expected {message!r} in {lines[0]!r}"
        assert lines[0].startswith("error: ")
        return result

    # ---- chain helpers (set-up only; everything under test goes through the CLI)

    def _cluster(self) -> TestCluster:
        return connect_http(self.url, self.deployer)

    def call(self, coro_fn: Any, *args: Any) -> Any:
        async def go() -> Any:
            cluster = self._cluster()
            try:
                return await coro_fn(cluster, *args)
            finally:
                await cluster.close()
        return asyncio.run(go())

    def keypair_file(self, keypair: Keypair, name: str | None = None) -> Path:
        self._count += 1
        return write_keypair(self.home / f"{name or 'key'}-{self._count}.json", keypair)

    def user(self, tokens: int = 0, sol: int = 10) -> tuple[Path, Keypair]:
        """A new keypair file with ``sol`` SOL and ``tokens`` base units of the stake mint
        in its associated token account."""
        keypair = Keypair()

        async def fund(cluster: TestCluster) -> None:
            if sol:
                await cluster.airdrop(keypair.pubkey(), sol * 10**9)
            ixs = [create_associated_token_account(cluster.wallet.pubkey(), keypair.pubkey(),
                                                   self.mint)]
            if tokens:
                ixs.append(mint_to_checked(MintToCheckedParams(
                    program_id=Pubkey.from_string(
                        "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"),
                    mint=self.mint, dest=self.ata(keypair.pubkey()),
                    mint_authority=self.mint_authority.pubkey(), amount=tokens,
                    decimals=DECIMALS)))
            await cluster.send(ixs, [self.mint_authority])
        self.call(fund)
        return self.keypair_file(keypair, "user"), keypair

    def ata(self, owner: Pubkey) -> Pubkey:
        return get_associated_token_address(owner, self.mint)

    def token_balance(self, owner: Pubkey) -> int:
        async def get(cluster: TestCluster) -> int:
            return await cluster.token_balance(self.ata(owner))
        return int(self.call(get))

    def fund_reward_vault(self, amount: int) -> None:
        vault = Pubkey.find_program_address([b"reward_vault"], self.program_id)[0]

        async def mint(cluster: TestCluster) -> None:
            await cluster.send([mint_to_checked(MintToCheckedParams(
                program_id=Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"),
                mint=self.mint, dest=vault, mint_authority=self.mint_authority.pubkey(),
                amount=amount, decimals=DECIMALS))], [self.mint_authority])
        self.call(mint)

    def advance(self, seconds: int) -> None:
        httpx.post(self.url, json={"jsonrpc": "2.0", "id": 1, "method": "ionet_advanceClock",
                                   "params": [{"seconds": seconds}]}, timeout=10)

    def now(self) -> int:
        """The cluster's unix time (of its latest block)."""
        def call(method: str, *params: object) -> object:
            return httpx.post(self.url, json={"jsonrpc": "2.0", "id": 1, "method": method,
                                              "params": list(params)}, timeout=10).json()["result"]
        slot = call("getSlot")
        return int(call("getBlockTime", slot))  # type: ignore[call-overload]

    def node_id(self) -> str:
        return bytes(Keypair().pubkey()).hex()

    def node(self, owner: Path, stake: str | None = None, gpus: int = 1) -> str:
        """Registers a node of ``owner`` (and stakes); returns its address."""
        node_id = self.node_id()
        data = self.json("node", "register", node_id, str(gpus), "-k", str(owner))
        if stake:
            self.ok("stake", data["node"], stake, "-k", str(owner))
        return str(data["node"])


