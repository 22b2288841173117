"""``rewards post | claim | claim-node``: Merkle reward roots and their claims.

``rewards post --csv FILE`` reads ``node,cumulative`` rows (a node address or id; the
cumulative amount in whole tokens), builds the :class:`~ionet.merkle.RewardTree`, posts its
root as the next epoch and writes the proofs file, by default to
``$IONET_HOME/rewards/<program id>/epoch-<N>.json`` (``IONET_HOME``: ``~/.config/ionet``),
where ``rewards claim-node`` looks for the current epoch's proofs.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import click
from solders.pubkey import Pubkey

from ionet.cli.common import command
from ionet.cli.context import Context, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.staking_accounts import Staking, load_staking, resolve_node_key
from ionet.cli.tx import report, send, transaction_options, tx_options_of
from ionet.cli.units import parse_amount
from ionet.merkle import RewardTree, leaf_hash, verify
from ionet.staking import pending_rewards

__all__ = ["proofs_path", "register"]


def proofs_path(program_id: Pubkey, epoch: int) -> Path:
    home = Path(os.environ.get("IONET_HOME", "~/.config/ionet")).expanduser()
    return home / "rewards" / str(program_id) / f"epoch-{epoch}.json"


def read_rows(path: Path, staking: Staking) -> list[tuple[Pubkey, int]]:
    if not path.exists():
        raise CliError(f"CSV file {path} does not exist")
    rows: list[tuple[Pubkey, int]] = []
    with path.open(newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            cells = [c.strip() for c in row]
            if not cells or not any(cells) or cells[0].startswith("#"):
                continue
            if len(cells) != 2:
                raise CliError(f"{path}:{number}: expected 2 columns (node, cumulative), got "
                               f"{len(cells)}")
            if number == 1 and not cells[1].replace(".", "").isdigit():
                continue  # a header
            node = resolve_node_key(cells[0], staking.program_id)
            try:
                amount = parse_amount(cells[1], staking.decimals, "cumulative amount")
            except CliError as exc:
                raise CliError(f"{path}:{number}: {exc.message}") from None
            rows.append((node, amount))
    if not rows:
        raise CliError(f"{path} has no (node, cumulative) rows")
    return rows


def _proofs_doc(staking: Staking, epoch: int, tree: RewardTree,
                rows: list[tuple[Pubkey, int]]) -> dict[str, Any]:
    return {
        "programId": str(staking.program_id), "epoch": epoch, "root": tree.root.hex(),
        "total": tree.total, "decimals": staking.decimals,
        "claims": {str(node): {"cumulative": amount,
                               "proof": [p.hex() for p in tree.proof(node)]}
                   for node, amount in rows},
    }


def _load_proof(path: Path, node: Pubkey) -> tuple[int, list[bytes], bytes]:
    if not path.exists():
        raise CliError(f"no proofs file {path} (pass --proofs FILE from `ionet rewards post`)")
    try:
        doc = json.loads(path.read_text())
        claim = doc["claims"].get(str(node))
        root = bytes.fromhex(doc["root"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise CliError(f"{path} is not a proofs file of `ionet rewards post`") from None
    if claim is None:
        raise CliError(f"node {node} has no reward in {path}")
    return int(claim["cumulative"]), [bytes.fromhex(p) for p in claim["proof"]], root


def register(cli: click.Group) -> None:
    @cli.group("rewards")
    def rewards() -> None:
        """Post reward roots, credit nodes, claim rewards."""

    @command(rewards, "post")
    @click.option("--csv", "csv_path", required=True, type=click.Path(path_type=Path),
                  help="rows of node (address or id), cumulative amount (whole tokens)")
    @click.option("--epoch", type=click.IntRange(1), help="[default: the current epoch + 1]")
    @click.option("--proofs", "proofs_out", type=click.Path(path_type=Path),
                  help="where to write the proofs [default: $IONET_HOME/rewards/<program>/"
                  "epoch-<N>.json]")
    @click.option("--authority", metavar="KEYPAIR|PUBKEY",
                  help="the reward authority [default: -k]")
    @transaction_options
    async def post(ctx: Context, csv_path: Path, epoch: int | None, proofs_out: Path | None,
                   authority: str | None, **kwargs: Any) -> None:
        """Build the Merkle tree of a CSV, post its root, write the proofs.

        \b
        Example:
          ionet rewards post --csv epoch-42.csv
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        rows = read_rows(csv_path, staking)
        try:
            tree = RewardTree(rows)
        except ValueError as exc:
            raise CliError(f"{csv_path}: {exc}") from None
        state = await staking.reward_state()
        number = epoch or state.epoch + 1
        signer = ctx.signer_arg(authority, "reward authority")
        if signer.pubkey != staking.config.reward_authority:
            raise CliError(f"{signer.pubkey} is not the reward authority "
                           f"({staking.config.reward_authority})")
        outcome = await send(ctx, opts, [staking.program.post_reward_tree(
            signer.pubkey, number, tree)], [signer], names=staking.names)
        path = proofs_out or proofs_path(staking.program_id, number)
        fields = {"epoch": number, "root": tree.root.hex(), "total": tree.total,
                  "nodes": len(tree), "decimals": staking.decimals}
        if outcome.sent or proofs_out is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(_proofs_doc(staking, number, tree, rows), indent=1))
            fields["proofs"] = str(path)
        report(ctx, outcome, f"Posted epoch {number}: {len(tree)} nodes, "
               f"{staking.amount(tree.total)} in total",
               fields, [("Root", tree.root.hex()), ("Proofs", str(path))])

    @command(rewards, "claim-node")
    @click.argument("node")
    @click.option("--proofs", type=click.Path(path_type=Path),
                  help="proofs file [default: the current epoch's from `rewards post`]")
    @transaction_options
    async def claim_node(ctx: Context, node: str, proofs: Path | None,
                         **kwargs: Any) -> None:
        """Credit a node with its rewards of the current root (anyone may).

        \b
        Example:
          ionet rewards claim-node 7QzG...Node
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        address, found = await staking.node(node)
        state = await staking.reward_state()
        path = proofs or proofs_path(staking.program_id, state.epoch)
        cumulative, proof, root = _load_proof(path, address)
        if root != bytes(state.root):
            raise CliError(f"{path} is not for the current reward root (epoch {state.epoch})")
        if not verify(root, leaf_hash(address, cumulative), proof):
            raise CliError(f"the proof of node {address} in {path} does not verify")
        if cumulative <= found.rewards_claimed:
            raise CliError(f"node {address} has been credited with its "
                           f"{staking.amount(cumulative)} already")
        outcome = await send(ctx, opts, [staking.program.claim_node_rewards(
            address, cumulative, proof)], names=staking.names)
        credited = cumulative - found.rewards_claimed
        report(ctx, outcome, f"Credited node {address} with {staking.amount(credited)}",
               {"node": str(address), "amount": credited, "cumulative": cumulative,
                "decimals": staking.decimals})

    @command(rewards, "claim")
    @click.argument("node")
    @click.option("--token-account", metavar="PUBKEY",
                  help="token account to pay to [default: the signer's associated one]")
    @transaction_options
    async def claim(ctx: Context, node: str, token_account: str | None,
                    **kwargs: Any) -> None:
        """Claim your rewards from a node (owner rewards or co-staker rewards).

        \b
        Example:
          ionet rewards claim 7QzG...Node
        """
        opts = tx_options_of(kwargs)
        staking = await load_staking(ctx)
        address, found = await staking.node(node)
        staker = ctx.signer
        position = await staking.position(address, staker.pubkey)
        amount = pending_rewards(found, position)
        if amount == 0:
            raise CliError(f"nothing to claim from node {address}")
        payer = ctx.signer_arg(opts.fee_payer, "fee payer").pubkey
        given = parse_pubkey(token_account, "--token-account") if token_account else None
        dest, create = await staking.destination(staker.pubkey, given, payer)
        outcome = await send(ctx, opts, [*create, staking.program.claim_rewards(
            staker.pubkey, address, dest)], [staker], names=staking.names)
        report(ctx, outcome, f"Claimed {staking.amount(amount)} from node {address}",
               {"node": str(address), "amount": amount, "decimals": staking.decimals})
