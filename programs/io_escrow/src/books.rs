//! What several handlers share: the clock, fees, the rate bound, one settlement, node
//! eligibility, deposits into and payouts from a mint's vault, and refunds. (Account
//! constraints are declared in the interface and checked by the generated `parse()`.)

use framework::account::AccountInfo;
use framework::error::ProgramResult;
use framework::math;
use framework::state::{Account, AccountMut};
use framework::sysvar::Clock;
use framework::token::{Payout, TransferChecked, VaultSeed};

use crate::interface::{
    ErrorCode, Escrow, EscrowClosed, EscrowConfig, PaymentMint, CONFIG_SEED, MAX_FEE_BPS, MAX_REFUND_GRACE_SECS,
};
use io_staking::interface::{Node, StakingConfig};

/// An escrow's first sequence number is its opening slot shifted by this much.
pub const FIRST_SEQ_SHIFT: u32 = 24;

/// The cluster's unix time, from the syscall (a passed-in clock could be forged).
#[inline(always)]
pub fn now() -> ProgramResult<i64> {
    Clock::unix_timestamp()
}

/// Refuses a fee above the on-chain cap.
#[inline(always)]
pub fn check_fee(bps: u16) -> ProgramResult {
    if bps > MAX_FEE_BPS {
        return Err(ErrorCode::FeeAboveCap.into());
    }
    Ok(())
}

/// Refuses a negative duration.
#[inline(always)]
pub fn check_duration(seconds: i64) -> ProgramResult {
    if seconds < 0 {
        return Err(ErrorCode::InvalidDuration.into());
    }
    Ok(())
}

/// Refuses a negative refund grace, and one above its bound: the admin changes it at
/// once and no customer signs it, so it must not be able to put a refund out of reach.
#[inline(always)]
pub fn check_refund_grace(seconds: i64) -> ProgramResult {
    check_duration(seconds)?;
    if seconds > MAX_REFUND_GRACE_SECS {
        return Err(ErrorCode::RefundGraceTooLong.into());
    }
    Ok(())
}

/// `bps` of `amount`, rounded down (the fee never exceeds the cap's share). One shared
/// copy: a call costs a few units, an inlined 128-bit multiply ~300 bytes.
#[inline(never)]
pub fn fee(amount: u64, bps: u16) -> u64 {
    fee_inline(amount, bps)
}

/// [`fee`], inlined into `settle_one`, which runs once per escrow of a batch.
#[inline(always)]
fn fee_inline(amount: u64, bps: u16) -> u64 {
    // Note: bps <= MAX_FEE_BPS < 10 000, so the result is below `amount` and fits.
    math::bps(amount, bps as u64).unwrap_or(0)
}

/// The (customer, supplier) fees an escrow opened at `now` gets: the proposed ones once
/// their delay is over, else the current ones.
#[inline(always)]
pub fn fees_at(config: &EscrowConfig, now: i64) -> (u16, u16) {
    let change_at = config.fees_change_at();
    if change_at != 0 && now >= change_at {
        (config.pending_customer_fee_bps(), config.pending_supplier_fee_bps())
    } else {
        (config.customer_fee_bps(), config.supplier_fee_bps())
    }
}

/// The most the coordinator may have settled by `now`: `min_charge + rate × seconds since
/// opening`, time counted up to the expiry (what was earned, not when it is claimed).
#[inline(always)]
pub fn rate_bound(escrow: &Escrow, now: i64) -> u64 {
    let until = if now < escrow.expires_at() { now } else { escrow.expires_at() };
    let elapsed = until.saturating_sub(escrow.opened_at());
    if elapsed <= 0 {
        return escrow.min_charge();
    }
    // Note: a bound past u64 bounds nothing, so saturating is exact here.
    let earned = math::checked_mul(escrow.rate_per_second(), elapsed as u64).unwrap_or(u64::MAX);
    escrow.min_charge().saturating_add(earned)
}

/// What is left in an escrow.
#[inline(always)]
pub fn remaining(escrow: &Escrow) -> u64 {
    // Note: `settled <= deposited` holds after every instruction (checked in `settle_one`).
    escrow.deposited() - escrow.settled()
}

/// One settlement of `amount` with sequence number `seq` at `now`; returns the supplier
/// fee, which keeps the escrow's supplier fees at `fee(settled)`. Refuses a replayed or
/// reordered `seq`, more than is left and more than the rate bound.
#[inline(never)]
pub fn settle_one(escrow: &mut Escrow, amount: u64, seq: u64, now: i64) -> ProgramResult<u64> {
    if seq != escrow.next_seq() {
        return Err(ErrorCode::WrongSequence.into());
    }
    if amount == 0 {
        return Err(ErrorCode::ZeroAmount.into());
    }
    if amount > remaining(escrow) {
        return Err(ErrorCode::InsufficientBalance.into());
    }
    // Note: at most `deposited` (checked just above).
    let settled = escrow.settled() + amount;
    if settled > rate_bound(escrow, now) {
        return Err(ErrorCode::RateExceeded.into());
    }
    // The fee of the total settled, less what earlier settlements paid: split into parts
    // that each rounded down, a total would pay less than its own fee.
    let fees = fee_inline(settled, escrow.supplier_fee_bps());
    // Note: the supplier fees are fee(settled before), at most fee(settled).
    let fee = fees - escrow.supplier_fees();
    escrow.set_settled(settled);
    escrow.set_supplier_fees(fees);
    // Note: one settlement per sequence number; 2^64 of them cannot happen.
    escrow.set_next_seq(seq.wrapping_add(1));
    Ok(fee)
}

/// A node is eligible, as io_staking defines it, when it is not jailed and its active
/// stake is at least the minimum for its GPUs; else the reason, as our error.
#[inline(never)]
pub fn eligibility(config: &StakingConfig, node: &Node, now: i64) -> Result<(), ErrorCode> {
    if node.jailed_until() > now {
        return Err(ErrorCode::NodeJailed);
    }
    let minimum = io_staking::rules::minimum_stake(config.min_stake_per_gpu(), node.multiplier_bps(), node.gpu_count())
        .map_err(|_| ErrorCode::MathOverflow)?;
    if node.active().tokens() < minimum {
        return Err(ErrorCode::NodeNotEligible);
    }
    Ok(())
}

/// The books of a mint, moved: `owed` down by `released` (what leaves the escrows), fees
/// up by `fees`.
#[inline(never)]
pub fn book(payment_mint: &mut PaymentMint, released: u64, fees: u64) -> ProgramResult {
    let owed = math::checked_sub(payment_mint.owed(), released).ok_or(ErrorCode::MathOverflow)?;
    let accrued = math::checked_add(payment_mint.fees_accrued(), fees).ok_or(ErrorCode::MathOverflow)?;
    payment_mint.set_owed(owed);
    payment_mint.set_fees_accrued(accrued);
    Ok(())
}

/// The seed of the config PDA, `["config", bump]`, which owns every mint's vault and
/// signs the payouts from them.
#[derive(Clone, Copy)]
pub struct ConfigSeed;

impl VaultSeed for ConfigSeed {
    const SEED: &'static [u8] = CONFIG_SEED;
}

/// Moves `amount` from a user's token account (who signs) into a vault.
#[inline(always)]
pub fn deposit(
    from: &AccountInfo,
    authority: &AccountInfo,
    vault: &AccountInfo,
    mint: &AccountInfo,
    token_program: &AccountInfo,
    amount: u64,
    decimals: u8,
) -> ProgramResult {
    TransferChecked { token_program, from, mint, to: vault, authority, amount, decimals }.invoke_signed(&[])
}

/// The books of a mint when an escrow closes: `released` (everything that was left in it)
/// leaves `owed`, `fees` accrue, and one escrow fewer is open.
#[inline(never)]
pub fn book_close(payment_mint: &mut PaymentMint, released: u64, fees: u64) -> ProgramResult {
    book(payment_mint, released, fees)?;
    let open = math::checked_sub(payment_mint.open_escrows(), 1).ok_or(ErrorCode::MathOverflow)?;
    payment_mint.set_open_escrows(open);
    Ok(())
}

/// The accounts of `refund_expired` and `refund_ineligible` that the refund touches.
pub struct Refund<'d, 'a> {
    pub config: &'d Account<'a, EscrowConfig>,
    pub payment_mint: &'d mut AccountMut<'a, PaymentMint>,
    pub escrow: &'d AccountMut<'a, Escrow>,
    pub customer: &'a AccountInfo,
    pub customer_token: &'a AccountInfo,
    pub vault: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
}

impl Refund<'_, '_> {
    /// Once the handler has found a refund due: the books close the escrow, the customer
    /// gets all that is left, and `EscrowClosed` says why (`reason`).
    #[inline(always)]
    pub fn run(self, reason: u8) -> ProgramResult {
        let Refund { config, payment_mint, escrow, customer, customer_token, vault, mint, token_program } = self;
        let refund = remaining(escrow);
        book_close(payment_mint, refund, 0)?;

        let payer = Payout { authority: config.info(), seed: ConfigSeed, bump: config.bump(), decimals: payment_mint.decimals(), vault, to: customer_token, mint, token_program };
        payer.pay(refund)?;
        EscrowClosed {
            escrow: *escrow.key(),
            customer: *customer.key(),
            reason,
            supplier_amount: 0,
            supplier_fee: 0,
            refund,
            settled: escrow.settled(),
        }
        .emit();
        Ok(())
    }
}
