//! `extend`: the customer moves the expiry later (the refund grace moves with it).

use framework::error::ProgramResult;

use crate::books::now;
use crate::interface::{ErrorCode, ExtendAccounts, ExtendArgs, Extended};

#[inline(always)]
pub fn process(accounts: &mut ExtendAccounts, args: ExtendArgs) -> ProgramResult {
    let ExtendAccounts { escrow, .. } = accounts;
    if args.expires_at <= escrow.expires_at() || args.expires_at <= now()? {
        return Err(ErrorCode::InvalidExpiry.into());
    }
    // Note: refund_after = expires_at + grace >= expires_at was stored at opening.
    let grace = escrow.refund_after() - escrow.expires_at();
    let refund_after = args.expires_at.checked_add(grace).ok_or(ErrorCode::MathOverflow)?;
    escrow.set_expires_at(args.expires_at);
    escrow.set_refund_after(refund_after);
    Extended { escrow: *escrow.key(), expires_at: args.expires_at, refund_after }.emit();
    Ok(())
}
