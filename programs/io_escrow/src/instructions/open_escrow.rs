//! `open_escrow`: the customer deposits `amount` for one node, which must be eligible as
//! io_staking defines it (read from io_staking's own `Node` and `StakingConfig`, owned by
//! the configured staking program). The customer fee is taken from the deposit at the
//! fees in force now, which the escrow keeps; the node owner's payout account is bound.
//!
//! The sequence numbers of an escrow start at `slot × 2^24`, not 0: an escrow closed and
//! opened again at the same address (same customer and job id) never accepts a
//! settlement signed for the one before it (identity reuse).

use framework::error::ProgramResult;
use framework::math;
use framework::sysvar::Clock;

use crate::books::{deposit, eligibility, fee, fees_at, FIRST_SEQ_SHIFT};
use crate::interface::{ErrorCode, EscrowOpened, OpenEscrowAccounts, OpenEscrowArgs};

#[inline(always)]
pub fn process(accounts: &mut OpenEscrowAccounts, args: OpenEscrowArgs) -> ProgramResult {
    let OpenEscrowAccounts {
        config, payment_mint, escrow, staking_config, node, customer, customer_token, vault, mint, mint_token_program: token_program, ..
    } = accounts;
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    if args.amount == 0 {
        return Err(ErrorCode::ZeroAmount.into());
    }
    let clock = Clock::get()?;
    let now = clock.unix_timestamp;
    if args.expires_at <= now {
        return Err(ErrorCode::InvalidExpiry.into());
    }
    eligibility(staking_config, node, now)?;
    let refund_after = args.expires_at.checked_add(config.refund_grace_secs()).ok_or(ErrorCode::MathOverflow)?;

    let (customer_fee_bps, supplier_fee_bps) = fees_at(config, now);
    let fee = fee(args.amount, customer_fee_bps);
    // Note: the fee is below the amount.
    let net = args.amount - fee;
    escrow.set_job_id(args.job_id);
    escrow.set_deposited(net);
    escrow.set_customer_fee_bps(customer_fee_bps);
    escrow.set_supplier_fee_bps(supplier_fee_bps);
    escrow.set_customer_fees(fee);
    escrow.set_rate_per_second(args.rate_per_second);
    escrow.set_min_charge(args.min_charge);
    escrow.set_opened_at(now);
    // Note: slots stay far below 2^40.
    escrow.set_next_seq(clock.slot << FIRST_SEQ_SHIFT);
    escrow.set_expires_at(args.expires_at);
    escrow.set_refund_after(refund_after);

    let owed = math::checked_add(payment_mint.owed(), net).ok_or(ErrorCode::MathOverflow)?;
    let accrued = math::checked_add(payment_mint.fees_accrued(), fee).ok_or(ErrorCode::MathOverflow)?;
    payment_mint.set_owed(owed);
    payment_mint.set_fees_accrued(accrued);
    // Note: one per escrow account, which costs rent; cannot reach 2^64.
    let open = payment_mint.open_escrows() + 1;
    payment_mint.set_open_escrows(open);
    deposit(customer_token, customer, vault, mint, token_program, args.amount, payment_mint.decimals())?;

    EscrowOpened {
        escrow: *escrow.key(),
        customer: *customer.key(),
        node: *node.key(),
        mint: *mint.key(),
        job_id: args.job_id,
        amount: args.amount,
        fee,
        rate_per_second: args.rate_per_second,
        min_charge: args.min_charge,
        expires_at: args.expires_at,
        customer_fee_bps,
        supplier_fee_bps,
    }
    .emit();
    Ok(())
}
