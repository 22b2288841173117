"""io_escrow as the CLI sees it: the deployment behind ``--program-id`` / ``Anchor.toml``
(and the io_staking its config names), payment mints, escrows named by address or by the
customer's job id, each checked before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from based58 import b58encode
from solana.rpc.types import MemcmpOpts
from solders.pubkey import Pubkey

from ionet.cli.chain import Mint, cluster_now, fetch_config
from ionet.cli.context import Context, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.staking_accounts import PROGRAM as STAKING_PROGRAM
from ionet.cli.staking_accounts import Staking, load_staking
from ionet.escrow import (
    Escrow,
    EscrowConfig,
    EscrowProgram,
    PaymentMint,
    config_address,
    rate_bound,
    remaining,
)

__all__ = ["PROGRAM", "Escrows", "escrow_json", "load_escrows", "mint_of"]

PROGRAM = "io_escrow"
CUSTOMER_OFFSET = 8 + 1 + 1
"""Where ``customer`` sits in an Escrow (discriminator, version, bump)."""
NODE_OFFSET = CUSTOMER_OFFSET + 32


@dataclass
class Escrows:
    """A deployment of io_escrow and its config, fetched once per command."""

    ctx: Context
    program: EscrowProgram
    config: EscrowConfig

    @property
    def program_id(self) -> Pubkey:
        return self.program.program_id

    @property
    def names(self) -> dict[Pubkey, str]:
        return {self.program_id: PROGRAM, self.program.staking_program: STAKING_PROGRAM}

    async def staking(self) -> Staking:
        """The io_staking deployment this io_escrow reads its nodes from."""
        return await load_staking(self.ctx, self.config.staking_program)

    async def now(self) -> int:
        return await cluster_now(self.ctx)

    async def payment_mints(self) -> list[PaymentMint]:
        found = await self.ctx.client.get_program_accounts(
            self.program_id, commitment=self.ctx.commitment, encoding="base64", filters=[
                MemcmpOpts(offset=0, bytes=b58encode(PaymentMint.discriminator).decode())])
        return sorted((PaymentMint.decode(bytes(a.account.data)) for a in found.value),
                      key=lambda m: str(m.mint))

    async def payment_mint(self, text: str | None) -> PaymentMint:
        """The payment mint ``text`` names; without one, the only mint enabled."""
        if text is None:
            enabled = await self.payment_mints()
            if len(enabled) == 1:
                return enabled[0]
            if not enabled:
                raise CliError(f"io_escrow at {self.program_id} takes no payment mint yet "
                               f"(the admin enables one with `ionet mint enable`)")
            raise CliError("pass --mint: io_escrow takes " +
                           ", ".join(str(m.mint) for m in enabled))
        mint = parse_pubkey(text, "--mint")
        found = await self.program.fetch_payment_mint(self.ctx.client, mint,
                                                      self.ctx.commitment)
        if found is None:
            raise CliError(f"mint {mint} is not a payment mint of io_escrow (the admin "
                           f"enables one with `ionet mint enable`)")
        return found

    async def escrow(self, text: str, customer: Pubkey) -> tuple[Pubkey, Escrow]:
        """An escrow by its address, or by a job id of ``customer``'s."""
        raw = text.strip()
        if raw.isdigit():
            if int(raw) >= 2**64:
                raise CliError(f"job id {raw} is not a u64")
            address = self.program.escrow(customer, int(raw))
        else:
            address = parse_pubkey(raw, "ESCROW")
        info = (await self.ctx.client.get_account_info(address, self.ctx.commitment)).value
        if info is None:
            what = f"job {raw} of {customer}" if raw.isdigit() else address
            raise CliError(f"no escrow {what} (closed, or never opened)")
        data = bytes(info.data)
        if info.owner != self.program_id or data[:8] != Escrow.discriminator:
            raise CliError(f"{address} is not an io_escrow escrow")
        return address, Escrow.decode(data)

    async def escrows(self, offset: int, key: Pubkey) -> list[tuple[Pubkey, Escrow]]:
        """The open escrows whose key at ``offset`` (customer or node) is ``key``."""
        found = await self.ctx.client.get_program_accounts(
            self.program_id, commitment=self.ctx.commitment, encoding="base64", filters=[
                MemcmpOpts(offset=0, bytes=b58encode(Escrow.discriminator).decode()),
                MemcmpOpts(offset=offset, bytes=str(key))])
        return sorted(((a.pubkey, Escrow.decode(bytes(a.account.data))) for a in found.value),
                      key=lambda pair: (pair[1].opened_at, str(pair[0])))


def mint_of(payment_mint: PaymentMint) -> Mint:
    return Mint(payment_mint.mint, payment_mint.token_program, payment_mint.decimals)


def escrow_json(address: Pubkey, escrow: Escrow, decimals: int, now: int) -> dict[str, Any]:
    left = remaining(escrow)
    settleable = min(left, max(0, rate_bound(escrow, now) - escrow.settled))
    return {
        "escrow": str(address), "jobId": escrow.job_id, "customer": str(escrow.customer),
        "node": str(escrow.node), "mint": str(escrow.mint), "payout": str(escrow.payout),
        "deposited": escrow.deposited, "settled": escrow.settled, "remaining": left,
        "settleableNow": settleable, "ratePerSecond": escrow.rate_per_second,
        "minCharge": escrow.min_charge, "customerFeeBps": escrow.customer_fee_bps,
        "supplierFeeBps": escrow.supplier_fee_bps, "customerFees": escrow.customer_fees,
        "supplierFees": escrow.supplier_fees, "nextSeq": escrow.next_seq,
        "openedAt": escrow.opened_at, "expiresAt": escrow.expires_at,
        "refundAfter": escrow.refund_after, "expired": now >= escrow.expires_at,
        "decimals": decimals,
    }


async def load_escrows(ctx: Context) -> Escrows:
    """io_escrow on ``ctx``'s cluster, initialized; else a clear error."""
    program_id = ctx.program_id(PROGRAM)
    config = await fetch_config(ctx, "io_escrow", program_id, config_address(program_id),
                                EscrowConfig)
    return Escrows(ctx, EscrowProgram(program_id, config.staking_program), config)
