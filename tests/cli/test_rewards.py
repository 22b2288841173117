"""``ionet rewards post --csv | claim-node | claim``."""

from __future__ import annotations

import json

from cli_harness import IO, World


def test_post_claim_node_and_claim(cli: World) -> None:
    owner, owner_key = cli.user(10_000 * IO)
    node = cli.node(owner, "500")
    other_owner, _ = cli.user(10_000 * IO)
    other = cli.node(other_owner, "500")
    costaker, costaker_key = cli.user(1_000 * IO)
    cli.ok("costake", node, "250", "-k", str(costaker))
    other_id = cli.json("node", "show", other)["nodeId"]

    rows = cli.home / "epoch.csv"
    rows.write_text(f"node,cumulative\n{node},100\n{other_id},40.5\n")
    authority = cli.keypair_file(cli.reward_authority, "rewards")
    cli.call(lambda c: c.airdrop(cli.reward_authority.pubkey(), 10**9))
    cli.fund_reward_vault(1_000 * IO)

    # Only the reward authority may post.
    cli.fails("rewards", "post", "--csv", str(rows), message="is not the reward authority")
    posted = cli.json("rewards", "post", "--csv", str(rows), "--authority", str(authority))
    assert posted["nodes"] == 2 and posted["total"] == 140_500_000
    proofs = json.loads(open(posted["proofs"]).read())
    assert proofs["epoch"] == posted["epoch"] and set(proofs["claims"]) == {node, other}

    # Anyone credits a node from the proofs file the post wrote.
    credited = cli.json("rewards", "claim-node", node)
    assert credited["amount"] == 100 * IO
    cli.fails("rewards", "claim-node", node, message="has been credited with its 100 already")
    cli.ok("rewards", "claim-node", other_id, "--proofs", posted["proofs"])

    # The node's 20 % co-staker share goes to its co-stakers, the rest to the owner.
    (owned,) = cli.json("positions", "-k", str(owner))
    (backed,) = cli.json("positions", "-k", str(costaker))
    assert owned["claimable"] == 80 * IO
    assert backed["claimable"] == 20 * IO
    before = cli.token_balance(owner_key.pubkey())
    out = cli.ok("rewards", "claim", node, "-k", str(owner)).out
    assert f"Claimed 80 from node {node}" in out
    assert cli.token_balance(owner_key.pubkey()) == before + 80 * IO
    cli.ok("rewards", "claim", node, "-k", str(costaker))
    assert cli.token_balance(costaker_key.pubkey()) == 770 * IO
    cli.fails("rewards", "claim", node, "-k", str(costaker), message="nothing to claim")


def test_post_rejects_bad_csv(cli: World) -> None:
    authority = cli.keypair_file(cli.reward_authority, "rewards")
    bad = cli.home / "bad.csv"
    bad.write_text("only-one-column\n")
    cli.fails("rewards", "post", "--csv", str(bad), "--authority", str(authority),
              message="expected 2 columns")
    owner, _ = cli.user(0)
    node = cli.node(owner)
    bad.write_text(f"{node},1.0000001\n")
    cli.fails("rewards", "post", "--csv", str(bad), "--authority", str(authority),
              message="has 7 decimals, but the mint has only 6")
    bad.write_text(f"{node},1\n{node},2\n")
    cli.fails("rewards", "post", "--csv", str(bad), "--authority", str(authority),
              message="appears twice")
    cli.fails("rewards", "post", "--csv", str(cli.home / "none.csv"), message="does not exist")
