"""The end-to-end scenario of `make demo` runs against the test cluster and ends where the
protocol says it must."""

from ionet import demo
from ionet.testing import TestCluster


async def test_demo_scenario(cluster: TestCluster) -> None:
    scenario = await demo.run(cluster, demo.Scenario(cluster, quiet=True))

    # The co-staker got back its 4,000 IO and the co-stakers' 20 % of the node's 500 IO.
    assert scenario.costaker_balance == 5_100 * demo.IO
    titles = [title for title, _, _ in scenario.rows]
    assert "after the 14-day cooldown: withdraw" in titles
    assert "anyone sweeps the fees to the treasury" in titles
    assert titles[-1] == "after the challenge window: anyone executes it"
    assert "SlashExecuted" in scenario.rows[-1][2]
    assert all(events != "-" for _, _, events in scenario.rows)
