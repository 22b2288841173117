"""What the page shows, read from the chain: the nodes, one node's history (stake and
rewards over time, from its transactions' io_staking events) and slash proposals, a
wallet's positions. Amounts are base units; :func:`jsonable` turns every integer into a
decimal string, so that JavaScript reads them exactly (as BigInt)."""

from __future__ import annotations

from typing import Any

from solders.pubkey import Pubkey
from solders.signature import Signature

from ionet.app.chain import Chain
from ionet.cli.errors import CliError
from ionet.cli.staking import node_json, position_rows
from ionet.cli.staking_accounts import Staking
from ionet.slashing import Offense, SlashingProgram, Status
from ionet.staking import BPS_DENOMINATOR, Node, decode_events, pending_slashes

__all__ = ["jsonable", "node_detail", "node_list", "positions"]

HISTORY_LIMIT = 500


def jsonable(value: Any) -> Any:
    """``value`` with every int (not bool) as a decimal string."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _slashing(chain: Chain, staking: Staking) -> SlashingProgram | None:
    try:
        return chain.slashing(staking)
    except CliError:  # no io_slashing on this cluster: no slash history to show
        return None


async def _slashes(chain: Chain, slashing: SlashingProgram | None, node: Pubkey
                   ) -> list[dict[str, Any]]:
    ctx = chain.ctx
    if slashing is None:
        return []
    proposals = []
    for seq in range(await slashing.next_seq(ctx.client, node, ctx.commitment)):
        found = await slashing.fetch_proposal(ctx.client, node, seq, ctx.commitment)
        if found is None:
            continue
        proposals.append({"seq": seq, "status": Status(found.status).name.lower(),
                          "offense": Offense(found.offense).name.lower(), "bps": found.bps,
                          "createdAt": found.created_at,
                          "challengeEndsAt": found.challenge_ends_at})
    return proposals


def _summary(staking: Staking, address: Pubkey, node: Node, now: int) -> dict[str, Any]:
    data = node_json(staking, address, node, now)
    data["ownerRewardShareBps"] = BPS_DENOMINATOR - node.costake_reward_share_bps
    data["pendingSlashes"] = pending_slashes(staking.config, node)
    return data


async def node_list(chain: Chain) -> dict[str, Any]:
    staking = await chain.staking()
    slashing = _slashing(chain, staking)
    now = await staking.now()
    rows = []
    for address, node in (await staking.program.fetch_all_nodes(chain.ctx.client)).items():
        data = _summary(staking, address, node, now)
        data["slashes"] = await _slashes(chain, slashing, address)
        rows.append(data)
    rows.sort(key=lambda n: (-n["activeStake"], n["address"]))
    return jsonable({"now": now, "decimals": staking.decimals, "nodes": rows})


async def _history(chain: Chain, staking: Staking, address: Pubkey) -> list[dict[str, Any]]:
    """Total stake (active + unbonding) and rewards credited after each of the node's
    transactions, oldest first."""
    client = chain.ctx.client
    signatures = (await client.get_signatures_for_address(address, limit=HISTORY_LIMIT)).value
    stake = rewards = 0
    points = []
    for entry in reversed(signatures):
        if entry.err is not None:
            continue
        tx = (await client.get_transaction(Signature.from_string(str(entry.signature)),
                                           "json", chain.ctx.commitment, 0)).value
        meta = tx.transaction.meta if tx is not None else None
        if meta is None:
            continue
        changed = False
        for event in decode_events(meta.log_messages or [], staking.program_id):
            data = event.data
            if getattr(data, "node", None) != address:
                continue
            if event.name == "Staked":
                stake += data.amount
            elif event.name == "Withdrawn":
                stake -= data.amount
            elif event.name == "NodeSlashed":
                stake -= data.active_amount + data.unbonding_amount
            elif event.name == "NodeRewardsClaimed":
                rewards += data.owner_amount + data.costaker_amount
            else:
                continue
            changed = True
        if changed:
            points.append({"time": entry.block_time or 0, "stake": stake, "rewards": rewards,
                           "signature": str(entry.signature)})
    return points


async def node_detail(chain: Chain, text: str) -> dict[str, Any]:
    staking = await chain.staking()
    address, node = await staking.node(text)
    now = await staking.now()
    data = _summary(staking, address, node, now)
    data["slashes"] = await _slashes(chain, _slashing(chain, staking), address)
    data["history"] = await _history(chain, staking, address)
    return jsonable({"now": now, "decimals": staking.decimals, "node": data})


async def positions(chain: Chain, who: Pubkey) -> dict[str, Any]:
    staking = await chain.staking()
    rows = await position_rows(staking, who)
    return jsonable({"now": await staking.now(), "decimals": staking.decimals,
                     "positions": rows})
