"""What the wallet app's tests share: the deployments behind ``ionet app``, its URL, and
a wallet's part: taking an Action's transaction, checking it as a wallet must (only the
request's account signs), signing it with a keypair and sending it."""

from __future__ import annotations

import base64
import socket
from dataclasses import dataclass
from typing import Any

import httpx
from escrow_harness import EscrowEnv, Mint
from slashing_harness import Deployment, SlashEnv
from solders.compute_budget import ID as COMPUTE_BUDGET
from solders.keypair import Keypair
from solders.transaction import Transaction

from ionet.testing import SentTransaction


@dataclass
class Shared:
    pair: Deployment
    escrow: EscrowEnv
    usdc: Mint
    url: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wallet_sign(transaction: str, keypair: Keypair) -> Transaction:
    """What a wallet does with an Action's transaction: decode it, refuse it unless the
    wallet's account is its only signer (and fee payer), sign it."""
    tx = Transaction.from_bytes(base64.b64decode(transaction))
    message = tx.message
    signers = list(message.account_keys[: message.header.num_required_signatures])
    assert signers == [keypair.pubkey()], f"signers {signers}, not only the wallet"
    return Transaction.populate(message, [keypair.sign_message(bytes(message))])


@dataclass
class AppWorld:
    senv: SlashEnv
    escrow: EscrowEnv
    usdc: Mint
    url: str
    http: httpx.AsyncClient

    @property
    def staking(self) -> Any:
        return self.senv.staking

    async def post(self, path: str, account: Keypair, **inputs: str) -> httpx.Response:
        return await self.http.post(path, params=inputs,
                                    json={"account": str(account.pubkey())})

    async def transaction(self, path: str, account: Keypair, **inputs: str
                          ) -> tuple[Transaction, dict[str, Any]]:
        """The Action's POST answer, checked (fee payer, recent blockhash, a compute unit
        limit first), and its transaction signed by ``account``."""
        response = await self.post(path, account, **inputs)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["type"] == "transaction" and isinstance(body["message"], str)
        signed = wallet_sign(body["transaction"], account)
        message = signed.message
        assert message.account_keys[0] == account.pubkey()  # the wallet pays the fee
        valid = await self.staking.cluster.rpc("isBlockhashValid",
                                               str(message.recent_blockhash))
        assert valid["value"] is True
        first = message.instructions[0]
        assert message.account_keys[first.program_id_index] == COMPUTE_BUDGET
        assert first.data[0] == 2  # SetComputeUnitLimit, from the simulation
        limit = int.from_bytes(bytes(first.data[1:5]), "little")
        assert 1_000 <= limit < 1_400_000
        return signed, body

    async def act(self, path: str, account: Keypair, **inputs: str) -> SentTransaction:
        """Takes the Action's transaction, signs it as a wallet, sends it to the cluster."""
        signed, _ = await self.transaction(path, account, **inputs)
        return await self.staking.cluster.send_signed(signed)
