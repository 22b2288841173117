"""``ionet localnet``: a Solana JSON-RPC node over the Agave runtime (solders' LiteSVM).

* :mod:`.validator` the state machine (slots, clock, blockhashes, history, account index)
* :mod:`.rpc_methods` the JSON-RPC methods and ``handle``/``handle_bytes`` (no network)
* :mod:`.encoding` account encodings and ``jsonParsed``; :mod:`.records` transactions
* :mod:`.ledger` persistence; :mod:`.genesis` start-up and program deployment
* :mod:`.subscriptions` WebSocket subscriptions; :mod:`.server` HTTP + WebSocket servers
"""
