"""The Actions API against the Solana Actions specification: ``actions.json``, every
action's GET metadata, OPTIONS, the POST body and answer, errors, headers; and each
returned transaction signed as a wallet signs it, sent to ionet localnet, its effect
checked on chain."""

from __future__ import annotations

import base64
import re

import httpx
import pytest
from app_world import AppWorld
from escrow_harness import IO, Supplier
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.instructions import TransferCheckedParams, transfer_checked

from ionet.merkle import RewardTree
from ionet.slashing import Status, evidence_hash
from ionet.staking import pending_rewards

ACTION_NAMES = ["stake", "costake", "unstake", "cancel-unstake", "start-cooldown", "withdraw",
                "claim-rewards", "escrow-open", "escrow-top-up", "escrow-refund", "dispute"]


async def assert_actions_headers(world: AppWorld, response: httpx.Response) -> None:
    """The headers every Actions response carries (the spec's OPTIONS response, and
    X-Action-Version / X-Blockchain-Ids with the cluster's CAIP-2 id)."""
    headers = response.headers
    assert headers["access-control-allow-origin"] == "*"
    assert headers["access-control-allow-methods"] == "GET,POST,PUT,OPTIONS"
    allowed = {h.strip() for h in headers["access-control-allow-headers"].split(",")}
    assert {"Content-Type", "Authorization", "Content-Encoding", "Accept-Encoding",
            "X-Accept-Action-Version", "X-Accept-Blockchain-Ids"} <= allowed
    exposed = {h.strip() for h in headers["access-control-expose-headers"].split(",")}
    assert exposed == {"X-Action-Version", "X-Blockchain-Ids"}
    assert re.fullmatch(r"\d+\.\d+", headers["x-action-version"])
    genesis = (await world.staking.cluster.client.get_genesis_hash()).value
    assert headers["x-blockchain-ids"] == f"solana:{str(genesis)[:32]}"


def assert_error(response: httpx.Response, status: int, fragment: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"message"} and fragment in body["message"], body
    assert "\n" not in body["message"]


async def _scene(world: AppWorld) -> dict[str, str]:
    """A node with a co-staker, an open escrow on it and a pending slash proposal: one
    subject for every action."""
    staking = world.staking
    owner, node = await staking.owner_with_node(400 * IO)
    await staking.costaker(node, 10 * IO)
    customer = await world.escrow.wallet(world.usdc, 100 * IO)
    await world.escrow.wallet(world.usdc, keypair=owner)  # the payout account
    escrow = await world.escrow.open(customer, Supplier(owner, node), world.usdc, 10 * IO)
    await world.senv.propose(node, 100)
    return {"node": str(node), "escrow": str(escrow)}


def _subject(name: str, scene: dict[str, str]) -> str:
    return scene["escrow"] if name in ("escrow-top-up", "escrow-refund") else scene["node"]


async def test_actions_json_maps_the_node_pages_and_the_api(world: AppWorld) -> None:
    for method in ("GET", "OPTIONS"):
        response = await world.http.request(method, "/actions.json")
        assert response.status_code == 200
        await assert_actions_headers(world, response)
    rules = (await world.http.get("/actions.json")).json()["rules"]
    assert {"pathPattern": "/nodes/*", "apiPath": "/api/actions/costake/*"} in rules
    assert {"pathPattern": "/api/actions/**", "apiPath": "/api/actions/**"} in rules
    for rule in rules:
        assert set(rule) == {"pathPattern", "apiPath"}


async def test_the_href_keeps_the_get_query_and_adds_the_inputs(world: AppWorld) -> None:
    supplier = await world.escrow.supplier(world.usdc)
    path = f"/api/actions/escrow-open/{supplier.node}"
    meta = (await world.http.get(path, params={"mint": str(world.usdc.address)})).json()
    [linked] = meta["links"]["actions"]
    assert linked["href"] == (f"{path}?mint={world.usdc.address}&amount={{amount}}"
                              f"&rate={{rate}}&hours={{hours}}&minCharge={{minCharge}}"
                              f"&job={{job}}")


async def test_every_action_answers_get_and_options_as_the_spec_says(world: AppWorld) -> None:
    scene = await _scene(world)
    for name in ACTION_NAMES:
        path = f"/api/actions/{name}/{_subject(name, scene)}"
        options = await world.http.options(path)
        assert options.status_code == 200 and options.content == b""
        await assert_actions_headers(world, options)

        response = await world.http.get(path)
        assert response.status_code == 200, (name, response.text)
        assert response.headers["content-type"] == "application/json"
        await assert_actions_headers(world, response)
        meta = response.json()
        assert meta["type"] == "action"
        for field in ("title", "description", "label"):
            assert isinstance(meta[field], str) and meta[field], (name, field)
        assert len(meta["label"].split()) <= 5
        assert meta["icon"].startswith("http://") and meta["icon"].endswith(".svg")
        icon = await world.http.get(meta["icon"])
        assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg")
        [linked] = meta["links"]["actions"]
        assert linked["type"] == "transaction" and linked["label"] == meta["label"]
        assert linked["href"].startswith(path)
        names = {p["name"] for p in linked.get("parameters", [])}
        assert set(re.findall(r"\{(\w+)\}", linked["href"])) == names, name
        for parameter in linked.get("parameters", []):
            assert parameter["label"] and isinstance(parameter["required"], bool)
            if "pattern" in parameter:
                re.compile(parameter["pattern"])
                assert parameter["patternDescription"]


async def test_errors_are_action_errors_with_4xx(world: AppWorld) -> None:
    scene = await _scene(world)
    path = f"/api/actions/costake/{scene['node']}"
    staker = Keypair()

    unknown = await world.http.get(f"/api/actions/nope/{scene['node']}")
    assert_error(unknown, 404, "no action 'nope'")
    await assert_actions_headers(world, unknown)
    no_body = await world.http.post(path, content=b"not json")
    assert_error(no_body, 400, "not JSON")
    await assert_actions_headers(world, no_body)
    assert_error(await world.http.post(path, json={}), 400, "no \"account\"")
    assert_error(await world.http.post(path, json={"account": "0OIl"}), 400,
                 "is not a base58 public key")
    assert_error(await world.post(path, staker, amount="1.0000001"), 400,
                 "amount 1.0000001 has 7 decimals, but the mint has only 6")
    assert_error(await world.post(path, staker, amount="-3"), 400,
                 "is not a decimal number of tokens")
    assert_error(await world.post(path, staker), 400, "amount is missing")
    missing = f"/api/actions/costake/{Pubkey.from_string('11111111111111111111111111111112')}"
    assert_error(await world.http.get(missing), 400, "no node at")
    # Refused by the program itself: the simulation names its error.
    assert_error(await world.post(f"/api/actions/cancel-unstake/{scene['node']}",
                                  world.senv.admin), 400, "has no stake position")


async def test_stake_costake_unstake_cancel_cooldown_withdraw_on_chain(world: AppWorld) -> None:
    staking = world.staking
    owner, node = await staking.owner_with_node(0)
    await staking.advance(1)
    before = await staking.tokens(owner)
    await world.act(f"/api/actions/stake/{node}", owner, amount="400")
    assert (await staking.node(node)).active.tokens == 400 * IO
    assert await staking.tokens(owner) == before - 400 * IO

    staker = await staking.wallet(1_000 * IO)
    await world.act(f"/api/actions/costake/{node}", staker, amount="150.5")
    position = await staking.position(node, staker)
    assert await staking.tokens(staker) == 1_000 * IO - 150_500_000
    assert position.active_shares > 0

    # Over the cap (50 % of the stake): refused before the wallet is asked, by the app.
    refused = await world.post(f"/api/actions/costake/{node}", staker, amount="300")
    assert_error(refused, 400, f"node {node} has room for")
    await assert_actions_headers(world, refused)
    # The owner stakes with "stake", not "costake"; a co-staker cannot "stake".
    assert_error(await world.post(f"/api/actions/costake/{node}", owner, amount="1"), 400,
                 "owners stake with the stake action")
    assert_error(await world.post(f"/api/actions/stake/{node}", staker, amount="1"), 400,
                 "does not own node")

    await world.act(f"/api/actions/unstake/{node}", staker, amount="all")
    assert (await staking.position(node, staker)).leaving_shares == position.active_shares
    await world.act(f"/api/actions/cancel-unstake/{node}", staker)
    assert (await staking.position(node, staker)).leaving_shares == 0

    await world.act(f"/api/actions/unstake/{node}", staker, amount="50.5")
    assert_error(await world.post(f"/api/actions/start-cooldown/{node}", staker), 400,
                 "exit wait of")
    await staking.advance(staking.settings.costaker_exit_wait_secs + 1)
    await world.act(f"/api/actions/start-cooldown/{node}", staker)
    assert (await staking.position(node, staker)).unbonding_shares > 0
    assert_error(await world.post(f"/api/actions/withdraw/{node}", staker), 400,
                 "the cooldown ends in")
    await staking.advance(staking.settings.unstake_cooldown_secs + 1)
    await world.act(f"/api/actions/withdraw/{node}", staker)
    assert await staking.tokens(staker) == 1_000 * IO - 100 * IO


async def test_claim_rewards_pays_the_co_staker(world: AppWorld) -> None:
    staking = world.staking
    _, node = await staking.owner_with_node(400 * IO)
    staker = await staking.costaker(node, 100 * IO, tokens=100 * IO)
    assert_error(await world.post(f"/api/actions/claim-rewards/{node}", staker), 400,
                 "has no rewards to claim")
    tree = RewardTree([(node, 50 * IO)])
    await staking.post(tree)
    await staking.send(staking.program.claim_node_rewards_from(tree, node))
    expected = pending_rewards(await staking.node(node), await staking.position(node, staker))
    assert expected > 0
    await world.act(f"/api/actions/claim-rewards/{node}", staker)
    assert await staking.tokens(staker) == expected


async def test_escrow_open_top_up_and_refund(world: AppWorld) -> None:
    escrow, usdc = world.escrow, world.usdc
    supplier = await escrow.supplier(usdc)
    customer = await escrow.wallet(usdc, 100 * IO)
    job = 4_242
    await world.act(f"/api/actions/escrow-open/{supplier.node}", customer,
                    mint=str(usdc.address), amount="20", rate="0.001", hours="1",
                    job=str(job))
    address = escrow.program.escrow(customer.pubkey(), job)
    opened = await escrow.escrow(address)
    assert (opened.customer, opened.node, opened.rate_per_second) == \
        (customer.pubkey(), supplier.node, 1_000)
    deposited = opened.deposited
    await world.act(f"/api/actions/escrow-top-up/{address}", customer, amount="5")
    assert (await escrow.escrow(address)).deposited > deposited
    assert_error(await world.post(f"/api/actions/escrow-top-up/{address}", supplier.owner,
                                  amount="5"), 400, "not")
    # Before expiry + grace the program refuses, and its error is the message.
    early = await world.post(f"/api/actions/escrow-refund/{address}", customer)
    assert early.status_code == 400 and "io_escrow" in early.json()["message"]
    await escrow.advance_to(opened.refund_after + 1)
    paid_in = await escrow.balance(escrow.token_account(customer.pubkey(), usdc))
    await world.act(f"/api/actions/escrow-refund/{address}", customer)
    assert await escrow.balance(escrow.token_account(customer.pubkey(), usdc)) > paid_in
    assert (await world.staking.cluster.account(address)) is None


async def test_dispute_by_the_node_owner(world: AppWorld) -> None:
    staking, senv = world.staking, world.senv
    owner, node = await staking.owner_with_node(400 * IO)
    seq = await senv.propose(node, 100)
    assert_error(await world.post(f"/api/actions/dispute/{node}", await staking.wallet(),
                                  evidence="not mine"), 400, "only its owner disputes")
    await world.act(f"/api/actions/dispute/{node}", owner, evidence="uptime logs, 1 Dec")
    proposal = await senv.proposal(node, seq)
    assert proposal.status == Status.DISPUTED
    assert bytes(proposal.counter_evidence_hash) == evidence_hash(b"uptime logs, 1 Dec")
    meta = (await world.http.get(f"/api/actions/dispute/{node}")).json()
    assert meta["disabled"] is True and "disputed, not pending" in meta["error"]["message"]
    second = await senv.propose(node, 100)
    meta = (await world.http.get(f"/api/actions/dispute/{node}",
                                 params={"seq": str(seq)})).json()
    assert meta["description"].startswith(f"Dispute slash proposal {seq} ") and meta["disabled"]
    assert f"seq={seq}&evidence={{evidence}}" in meta["links"]["actions"][0]["href"]
    latest = (await world.http.get(f"/api/actions/dispute/{node}")).json()
    assert latest["description"].startswith(f"Dispute slash proposal {second} ")
    assert latest["disabled"] is False and "error" not in latest


@pytest.mark.parametrize("path", ["/api/nodes", "/api/config"])
async def test_page_api_amounts_are_strings(world: AppWorld, path: str) -> None:
    await world.staking.owner_with_node(400 * IO)
    body = (await world.http.get(path)).json()
    if path == "/api/nodes":
        assert body["nodes"] and all(isinstance(n["activeStake"], str) for n in body["nodes"])
    else:
        assert body["decimals"] == 6 and body["cluster"] == "localnet"


async def test_send_relays_a_wallet_signed_transaction_and_names_its_failure(
        world: AppWorld) -> None:
    staking = world.staking
    owner, node = await staking.owner_with_node(400 * IO)
    staker = await staking.wallet(100 * IO)
    signed, _ = await world.transaction(f"/api/actions/costake/{node}", staker, amount="100")
    # Between signing and sending, a token leaves: the cluster refuses, in one line.
    program = staking.program
    await staking.send(transfer_checked(TransferCheckedParams(
        program_id=program.token_program, source=program.token_account(staker.pubkey()),
        mint=program.stake_mint, dest=program.token_account(owner.pubkey()),
        owner=staker.pubkey(), amount=1, decimals=6)), [staker])
    failed = await world.http.post("/api/send", json={
        "transaction": base64.b64encode(bytes(signed)).decode()})
    assert_error(failed, 400, "token program: insufficient token funds")
    assert_error(await world.http.post("/api/send", json={"transaction": "AAAA"}), 400,
                 "not a base64 serialized Solana transaction")
    assert_error(await world.http.post("/api/send", content=b"{"), 400, "not JSON")
