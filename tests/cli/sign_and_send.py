"""A wallet app in miniature: signs a transaction printed by ``ionet ... --dump-transaction``
with a keypair file and sends it, with nothing of ionet's.

    python sign_and_send.py RPC_URL KEYPAIR_FILE BASE64_TRANSACTION

Prints the signature once the transaction is confirmed; exits 1 if it failed.
"""

from __future__ import annotations

import base64
import json
import sys
import time
from pathlib import Path

from solana.rpc.api import Client
from solana.rpc.commitment import Confirmed
from solders.keypair import Keypair
from solders.transaction import Transaction


def main(url: str, keypair_file: str, transaction: str) -> int:
    keypair = Keypair.from_bytes(bytes(json.loads(Path(keypair_file).read_text())))
    tx = Transaction.from_bytes(base64.b64decode(transaction))
    tx.partial_sign([keypair], tx.message.recent_blockhash)
    client = Client(url, commitment=Confirmed)
    signature = client.send_raw_transaction(bytes(tx)).value
    for _ in range(100):
        status = client.get_signature_statuses([signature]).value[0]
        if status is not None and status.confirmation_status is not None:
            if status.err is not None:
                print(f"failed: {status.err}", file=sys.stderr)
                return 1
            print(signature)
            return 0
        time.sleep(0.1)
    print("not confirmed", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
