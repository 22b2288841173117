"""`make bench`: what the programs cost their users and deployers, one module per section.

* :mod:`~ionet.bench.units`: one transaction's compute units, the token program's apart;
* :mod:`~ionet.bench.staking`, :mod:`~ionet.bench.escrow`, :mod:`~ionet.bench.slashing`:
  each program's instructions on their common path (and ``claim_node_rewards`` against the
  tree's size, ``settle_batch`` against the batch's), driven through the test harnesses
  that :mod:`~ionet.bench.harness` deploys;
* :mod:`~ionet.bench.sizes`: program sizes and the rent to deploy them;
* :mod:`~ionet.bench.peers`: the peer column (``bench/peers.toml``);
* :mod:`~ionet.bench.measure`: all of the above, the deterministic results, which the
  suite's budget tests check against ``bench/budgets.toml`` (:mod:`~ionet.bench.budgets`);
* :mod:`~ionet.bench.report`: the Markdown of the README's benchmark section;
* ``__main__``: the timing sections, ``target/bench/results.json``, the printed report.
"""
