"""Bad input, walked over EVERY leaf command of the ``ionet`` click tree (in process, through
``ionet.cli.main``): a malformed keypair file, a missing one, an unknown cluster, a URL
where nothing answers; and where a command takes them, amounts of 0, below 0 or with more
decimals than the mint, a wrong mint, an account that is not what the argument names (a
foreign account, a closed escrow, a node or escrow that does not exist), a signer without
SOL. Each ends with a non-zero exit and exactly one line on stderr that names the problem,
no traceback, and nothing sent: the wallets involved have no new signature on the cluster.
The counts go to the security table (``tests/fault_log.py``).

Each command's arguments are placeholders made from its parameter names
(:data:`PLACEHOLDERS`): a new command whose parameter has no placeholder fails the walk,
so that it gets one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import click
import httpx
import pytest
from cli_harness import STAKING_SO
from fault_log import add_faults
from market_harness import USDC, Market
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from test_conventions import _free_port, _leaves

from ionet.cli import cli as ionet_group
from ionet.cli import main

NOT_WALKED = {"ionet localnet": "argparse, with its own options (tests/localnet/)"}
KEYLESS = {
    # Sign nothing, so -k is never read (and `app` would serve until stopped).
    "ionet blockhash", "ionet node show", "ionet node list", "ionet config show",
    "ionet app", "ionet coordinator status", "ionet escrow show", "ionet fees show",
    "ionet slash list", "ionet escrow config show", "ionet slash config show",
}
OFFLINE = {"ionet coordinator status"}  # reads only its journal
CHECKED_BEFORE_THE_SIGNER = {
    # Commands that check the chain before they read the fee payer: a bad -k gets the
    # first problem found (a one-line error too).
    "ionet rewards claim-node": "no proofs file",
    "ionet init": "is initialized already",
    "ionet config apply": "no settings change is pending",
    "ionet escrow init": "is initialized already",
    "ionet slash init": "is initialized already",
    "ionet slash execute": "can be disputed for another",  # the window first
}
ASKS_NOTHING_HERE = {
    # A service: it keeps ingesting while the cluster is away (tests/coordinator/).
    "ionet coordinator run",
    # Over an empty journal there is nothing to ask the cluster.
    "ionet coordinator reconcile",
}


class Walk:
    """The world's values the placeholders are made of, and the runs: the CLI tests'
    ``market`` (io_staking, io_escrow and io_slashing), a staked node, an open escrow."""

    def __init__(self, market: Market, folder: Path,
                 capsys: pytest.CaptureFixture[str]) -> None:
        self.market = market
        self.world = market.cli
        self.folder = folder
        self.capsys = capsys
        self.problems: list[str] = []
        self.cases = 0
        self.node, owner_path, self.owner = market.eligible_node()
        self.owner_path = str(owner_path)
        customer, self.customer = market.customer(1_000 * USDC)
        self.customer_path = str(customer)
        self.escrow = self.world.json(
            "escrow", "open", self.node, "100", "--rate", "1.44/h", "--expires", "7d",
            "--mint", str(market.usdc), "-k", self.customer_path)["escrow"]
        self.csv = folder / "rewards.csv"
        self.csv.write_text(f"node,cumulative\n{self.node},1\n")
        self.evidence = folder / "evidence.json"
        self.evidence.write_text("{}")
        (folder / "spool").mkdir()

    def propose_slash(self) -> None:
        """Slash proposal 0 of the walk's node, by a new reporter (the admin adds it)."""
        reporter, key = self.world.user(0)
        self.world.ok("reporter", "add", str(key.pubkey()))
        self.world.ok("slash", "propose", self.node, "spoofing", "5%", "--evidence",
                      str(self.evidence), "-k", str(reporter))

    def run(self, argv: list[str]) -> tuple[int, str]:
        code = main(argv)
        _out, err = self.capsys.readouterr()
        return code, err

    def refused(self, argv: list[str], names: str) -> None:
        """Runs ``argv``; notes in ``problems`` what is not a one-line refusal naming
        ``names``."""
        self.cases += 1
        code, err = self.run(argv)
        lines = err.strip().splitlines()
        shown = "ionet " + " ".join(argv)
        if code == 0:
            self.problems.append(f"{shown}: succeeded")
        elif "Traceback" in err or len(lines) != 1:
            self.problems.append(f"{shown}: not one line: {err!r}")
        elif not lines[0].startswith("error: ") or \
                lines[0].startswith("error: unexpected error") or names not in lines[0]:
            self.problems.append(f"{shown}: {names!r} not in {lines[0]!r}")

    def check(self, before: dict[Pubkey, int]) -> None:
        """Every case was refused in one line and nothing was sent (the keys of ``before``
        have no new signature); the counts go to the security table."""
        add_faults({"cli bad input": self.cases},
                   {"cli refused in one line": self.cases - len(self.problems)})
        assert not self.problems, "\n".join(self.problems)
        assert self.signatures(list(before)) == before, "something was sent"

    def signatures(self, keys: list[Pubkey]) -> dict[Pubkey, int]:
        found = {}
        for key in keys:
            answer = httpx.post(self.world.url, timeout=10, json={
                "jsonrpc": "2.0", "id": 1, "method": "getSignaturesForAddress",
                "params": [str(key), {"commitment": "confirmed"}]}).json()
            found[key] = len(answer["result"])
        return found


PLACEHOLDERS: dict[str, Callable[[Walk], list[str]]] = {
    "node_id": lambda w: [w.world.node_id()],
    "gpu_count": lambda w: ["1"],
    "node": lambda w: [w.node],
    "amount": lambda w: ["1"],
    "escrow": lambda w: [w.escrow],
    "mint": lambda w: [str(w.market.usdc)],
    "reporter": lambda w: [str(Keypair().pubkey())],
    "offense": lambda w: ["spoofing"],
    "bps": lambda w: ["5%"],
    "seq": lambda w: ["0"],
    "decision": lambda w: ["reject"],
    "--rate": lambda w: ["--rate", "1.44/h"],
    "--expires": lambda w: ["--expires", "7d"],
    "--evidence": lambda w: ["--evidence", str(w.evidence)],
    "staker": lambda w: [str(w.owner.pubkey())],
    "new_admin": lambda w: [str(Keypair().pubkey())],
    "program": lambda w: [str(STAKING_SO)],
    "--csv": lambda w: ["--csv", str(w.csv)],
    "--mint": lambda w: ["--mint", str(w.world.mint)],
    "--journal": lambda w: ["--journal", f"sqlite:///{w.folder / 'journal.db'}"],
}
EXTRA: dict[str, list[str]] = {
    # What a command needs beyond its required parameters to get as far as signing.
    "ionet deploy": [str(STAKING_SO)],
    "ionet config set": ["--min-stake-per-gpu", "200"],
    "ionet coordinator run": ["--spool", "{spool}", "--until-idle"],
    "ionet escrow open": ["--mint", "{usdc}"],
    "ionet fees propose": ["--customer-fee", "0.3%"],
    "ionet escrow config set": ["--refund-grace", "2d"],
    "ionet slash config set": ["--max-rolling", "40%"],
}
SIGNERS: dict[str, Callable[[Walk], str]] = {
    # Who may run a command with the walk's node and escrow (default: the node's owner).
    "ionet escrow open": lambda w: w.customer_path,
    "ionet escrow top-up": lambda w: w.customer_path,
    "ionet escrow extend": lambda w: w.customer_path,
    "ionet escrow show": lambda w: w.customer_path,
    "ionet escrow refund": lambda w: w.customer_path,
    "ionet escrow settle": lambda w: str(w.market.coordinator),
    "ionet escrow close": lambda w: str(w.market.coordinator),
}


def _signer(walk: Walk, path: str) -> list[str]:
    return ["-k", SIGNERS.get(path, lambda w: w.owner_path)(walk)]


def _argv(walk: Walk, path: str, command: click.Command,
          values: dict[str, list[str]] | None = None) -> list[str]:
    """The command's words and placeholder arguments (``values`` replace some)."""
    argv = path.split()[1:]
    for param in command.params:
        key = param.name if isinstance(param, click.Argument) else param.opts[-1]
        assert key is not None
        if values and key in values:
            argv += values[key]
            continue
        if not param.required:  # optional ones keep their defaults (the signer, often)
            continue
        assert key in PLACEHOLDERS, f"{path}: no placeholder for its parameter {key}"
        argv += PLACEHOLDERS[key](walk)
    return argv + [a.format(spool=walk.folder / "spool", usdc=walk.market.usdc)
                   for a in EXTRA.get(path, [])]


def _commands() -> list[tuple[str, click.Command]]:
    return [(path, c) for path, c in _leaves(ionet_group, "ionet") if path not in NOT_WALKED]


@pytest.fixture
def walk(market: Market, tmp_path: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Walk]:
    for key, value in market.cli.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("SOLANA_CONFIG", raising=False)
    monkeypatch.chdir(market.cli.workdir)
    yield Walk(market, tmp_path, capsys)


def test_every_command_refuses_bad_keypairs_and_clusters(walk: Walk) -> None:
    commands = _commands()
    assert len(commands) >= 28
    malformed = walk.folder / "malformed.json"
    malformed.write_text("[1, 2, 3")
    missing = walk.folder / "missing.json"
    dead = f"http://127.0.0.1:{_free_port()}"
    walk.propose_slash()
    watched = [walk.owner.pubkey(), walk.world.deployer.pubkey(), walk.world.program_id]
    before = walk.signatures(watched)
    for path, command in commands:
        argv = _argv(walk, path, command)
        if path not in KEYLESS:
            first = CHECKED_BEFORE_THE_SIGNER.get(path)
            walk.refused([*argv, "-k", str(malformed)],
                         first or f"{malformed} is not a keypair file")
            walk.refused([*argv, "-k", str(missing)], first or f"{missing} does not exist")
        if path not in OFFLINE:
            walk.refused([*argv, "-u", "moonnet"], "unknown cluster 'moonnet'")
        if path not in OFFLINE | ASKS_NOTHING_HERE:
            walk.refused([*argv, "-u", dead], f"cannot reach the cluster at {dead}")
    walk.check(before)


def _taking(name: str) -> list[tuple[str, click.Command]]:
    return [(path, c) for path, c in _commands()
            if any(p.name == name for p in c.params if isinstance(p, click.Argument))]


def test_every_amount_refuses_zero_negative_and_too_many_decimals(walk: Walk) -> None:
    commands = _taking("amount")
    assert {"ionet stake", "ionet costake", "ionet unstake"} <= {p for p, _ in commands}
    before = walk.signatures([walk.owner.pubkey()])
    for path, command in commands:
        for amount, names in (("0", "must be more than zero"),
                              ("-1", "-1 is negative: amounts and numbers here are more than zero"),
                              ("1.0000001", "has 7 decimals, but the mint has only 6"),
                              ("ten", "'ten' is not a decimal number")):
            argv = _argv(walk, path, command, {"amount": [amount]})
            walk.refused([*argv, *_signer(walk, path)], names)
    walk.check(before)


def test_every_node_argument_refuses_foreign_and_absent_accounts(walk: Walk) -> None:
    commands = _taking("node")
    assert len(commands) >= 8
    absent = str(Keypair().pubkey())
    before = walk.signatures([walk.owner.pubkey()])
    for path, command in commands:
        for node, names in ((str(walk.world.mint), "is not an io_staking account"),
                            (absent, f"no node at {absent}")):
            argv = _argv(walk, path, command, {"node": [node]})
            walk.refused([*argv, *_signer(walk, path)], names)
    walk.check(before)


def test_wrong_mints_and_signers_without_sol(walk: Walk) -> None:
    before = walk.signatures([walk.owner.pubkey(), walk.customer.pubkey()])
    walk.refused(["init", "--mint", str(walk.owner.pubkey()), "-k", walk.owner_path],
                 "is not a token mint")
    broke = walk.world.keypair_file(Keypair(), "broke")
    walk.refused(["node", "register", walk.world.node_id(), "1", "-k", str(broke)],
                 "has 0 SOL")
    open_escrow = ["escrow", "open", walk.node, "1", "--rate", "1.44/h", "--expires", "7d"]
    walk.refused([*open_escrow, "--mint", str(walk.world.mint), "-k", walk.customer_path],
                 "is not a payment mint of io_escrow")
    walk.refused(["mint", "enable", str(walk.owner.pubkey())], "is not a token mint")
    poor, _ = walk.market.customer(10 * USDC, sol=0)
    walk.refused([*open_escrow, "--mint", str(walk.market.usdc), "-k", str(poor)],
                 "has 0 SOL")
    walk.check(before)


def test_every_escrow_argument_refuses_foreign_closed_and_absent_accounts(walk: Walk) -> None:
    commands = _taking("escrow")
    assert len(commands) >= 6
    # Closed at once: what it pays is within its minimum charge.
    closed = walk.world.json("escrow", "open", walk.node, "10", "--rate", "1.44/h",
                             "--expires", "7d", "--min-charge", "1", "--mint",
                             str(walk.market.usdc), "-k", walk.customer_path)["escrow"]
    walk.world.ok("escrow", "close", closed, "--final", "0.5",
                  "-k", str(walk.market.coordinator))
    absent = str(Keypair().pubkey())
    before = walk.signatures([walk.customer.pubkey()])
    for path, command in commands:
        for escrow, names in ((str(walk.market.usdc), "is not an io_escrow"),
                              (closed, f"no escrow {closed} (closed"),
                              (absent, f"no escrow {absent} (closed")):
            argv = _argv(walk, path, command, {"escrow": [escrow]})
            walk.refused([*argv, *_signer(walk, path)], names)
    walk.check(before)
