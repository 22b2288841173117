"""io_escrow's actions for a customer: open an escrow for a node, top it up, take the rest
back (at expiry + grace, or at once when the node is no longer eligible)."""

from __future__ import annotations

import secrets

from solders.pubkey import Pubkey

from ionet.app.actions import AMOUNT, Action, Described, Planned, Scene, amount_input, required
from ionet.app.spec import AMOUNT_PATTERN, Param
from ionet.cli.context import parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.units import format_amount, format_time
from ionet.escrow import (
    Escrow,
    EscrowProgram,
    PaymentMint,
    refundable_for_ineligibility,
    remaining,
)

__all__ = ["ACTIONS"]

RATE = Param("rate", "Rate (tokens per second)", pattern=AMOUNT_PATTERN,
             pattern_description="a decimal number of tokens per second, e.g. 0.01")
HOURS = Param("hours", "Hours until it expires", type="number", pattern=r"^\d+$",
              pattern_description="a whole number of hours")
MIN_CHARGE = Param("minCharge", "Minimum charge (tokens)", required=False,
                   pattern=r"^(\d+(\.\d+)?)?$",
                   pattern_description="a decimal number of tokens, or nothing for none")
JOB = Param("job", "Job id", type="number", required=False, pattern=r"^\d*$",
            pattern_description="a whole number; empty: a new random one")
U64_MAX = 2**64 - 1


async def _payment_mint(scene: Scene, program: EscrowProgram, mint: Pubkey) -> PaymentMint:
    found = await program.fetch_payment_mint(scene.chain.ctx.client, mint,
                                             scene.chain.ctx.commitment)
    if found is None:
        raise CliError(f"mint {mint} is not enabled for escrows")
    return found


async def _escrow(scene: Scene, account: Pubkey | None = None
                  ) -> tuple[EscrowProgram, Pubkey, Escrow, PaymentMint]:
    program = scene.chain.escrow(scene.staking)
    address = parse_pubkey(scene.subject, "escrow")
    found = await program.fetch_escrow(scene.chain.ctx.client, address,
                                       scene.chain.ctx.commitment)
    if found is None:
        raise CliError(f"no open escrow at {address}")
    if account is not None and found.customer != account:
        raise CliError(f"escrow {address} is {found.customer}'s, not {account}'s")
    return program, address, found, await _payment_mint(scene, program, found.mint)


def _optional_amount(inputs: dict[str, str], name: str, decimals: int) -> int:
    text = inputs.get(name, "").strip()
    return 0 if text in ("", "{" + name + "}") else amount_input(inputs, decimals, name)


async def describe_open(scene: Scene) -> Described:
    address, node = await scene.staking.node(scene.subject)
    return Described(f"Prepay GPU time on node {address} ({node.gpu_count} GPUs): the "
                     f"coordinator settles at most minimum charge + rate * time; the rest "
                     f"comes back to you.")


async def plan_open(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    staking = scene.staking
    address, node = await staking.node(scene.subject)
    program = scene.chain.escrow(staking)
    mint = parse_pubkey(required(inputs, "mint"), "mint")
    books = await _payment_mint(scene, program, mint)
    amount = amount_input(inputs, books.decimals)
    rate = amount_input(inputs, books.decimals, "rate")
    min_charge = _optional_amount(inputs, "minCharge", books.decimals)
    hours = required(inputs, "hours")
    if not hours.isdigit() or int(hours) == 0:
        raise CliError(f"hours {hours!r} is not a whole number of hours above zero")
    job_text = inputs.get("job", "").strip()
    job = secrets.randbits(64) if job_text in ("", "{job}") else int(job_text) \
        if job_text.isdigit() else None
    if job is None or job > U64_MAX:
        raise CliError(f"job {job_text!r} is not a whole number below 2^64")
    expires_at = await staking.now() + int(hours) * 3_600
    escrow = program.escrow(account, job)
    return Planned([program.open_escrow(account, job, address, node.owner, mint, amount, rate,
                                        min_charge, expires_at, books.token_program)],
                   f"Open escrow {escrow} (job {job}) of "
                   f"{format_amount(amount, books.decimals)} for node {address}, until "
                   f"{format_time(expires_at)}")


async def describe_top_up(scene: Scene) -> Described:
    _, address, found, books = await _escrow(scene)
    return Described(f"Add to escrow {address}: "
                     f"{format_amount(remaining(found), books.decimals)} left of "
                     f"{format_amount(found.deposited, books.decimals)}.")


async def plan_top_up(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    program, address, found, books = await _escrow(scene, account)
    amount = amount_input(inputs, books.decimals)
    return Planned([program.top_up(account, address, found.mint, amount, books.token_program)],
                   f"Top up escrow {address} by {format_amount(amount, books.decimals)}")


async def describe_refund(scene: Scene) -> Described:
    _, address, found, books = await _escrow(scene)
    return Described(f"Take back what is left in escrow {address} "
                     f"({format_amount(remaining(found), books.decimals)}), after "
                     f"{format_time(found.refund_after)} or at once if its node is no "
                     f"longer eligible.")


async def plan_refund(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    program, address, found, books = await _escrow(scene, account)
    staking = scene.staking
    node = await staking.program.fetch_node(scene.chain.ctx.client, found.node,
                                            scene.chain.ctx.commitment)
    now = await staking.now()
    # What io_escrow checks (jail, minimum stake, a new owner), not io_staking's wider
    # is_eligible.
    if node is not None and refundable_for_ineligibility(staking.config, node, found, now):
        ix = program.refund_ineligible(account, address, found.node, found.mint,
                                       books.token_program)
    else:
        ix = program.refund_expired(account, address, found.mint, books.token_program)
    return Planned([ix], f"Refund {format_amount(remaining(found), books.decimals)} from "
                         f"escrow {address}")


ACTIONS = [
    Action("escrow-open", "Open a compute escrow", "Open escrow", describe_open, plan_open,
           (AMOUNT, RATE, HOURS, MIN_CHARGE, JOB)),
    Action("escrow-top-up", "Top up an escrow", "Top up", describe_top_up, plan_top_up,
           (AMOUNT,)),
    Action("escrow-refund", "Refund an escrow", "Refund", describe_refund, plan_refund),
]
