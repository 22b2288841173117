"""``ionet app``: wallet-signed staking, escrow and disputes, for any Solana wallet.

* :mod:`.spec`: the Solana Actions specification's shapes and headers.
* :mod:`.actions`: the actions, one module per program (:mod:`.actions.staking`,
  :mod:`.actions.escrow`, :mod:`.actions.slashing`), each a GET (metadata) and a POST
  (an unsigned transaction for the wallet's account).
* :mod:`.transactions`: building those transactions (the wallet pays the fee; recent
  blockhash; compute unit limit from simulation) and sending what a wallet signed.
* :mod:`.chain`: the cluster and the three deployments, resolved as the CLI resolves them.
* :mod:`.queries`: what the page shows (nodes, one node's history, positions).
* :mod:`.server`: the Starlette application; ``static/`` the page (plain ES modules, the
  Wallet Standard's window-event protocol, no bundler).
"""
