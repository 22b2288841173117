//! `propose_fees`: the admin proposes new customer and supplier fees, each at most
//! `MAX_FEE_BPS`. They apply to escrows opened `fee_delay_secs` from now or later; an
//! escrow keeps the fees it was opened with. A proposal whose time has come is folded into
//! the current fees first, so a new proposal never undoes one already in force.

use framework::error::ProgramResult;

use crate::books::{check_fee, fees_at, now};
use crate::interface::{ErrorCode, FeesProposed, ProposeFeesAccounts, ProposeFeesArgs};

#[inline(always)]
pub fn process(accounts: &mut ProposeFeesAccounts, args: ProposeFeesArgs) -> ProgramResult {
    let ProposeFeesAccounts { config, .. } = accounts;
    check_fee(args.customer_fee_bps)?;
    check_fee(args.supplier_fee_bps)?;
    let now = now()?;

    let (customer, supplier) = fees_at(config, now);
    config.set_customer_fee_bps(customer);
    config.set_supplier_fee_bps(supplier);
    let change_at = now.checked_add(config.fee_delay_secs()).ok_or(ErrorCode::MathOverflow)?;
    config.set_pending_customer_fee_bps(args.customer_fee_bps);
    config.set_pending_supplier_fee_bps(args.supplier_fee_bps);
    config.set_fees_change_at(change_at);

    FeesProposed {
        customer_fee_bps: args.customer_fee_bps,
        supplier_fee_bps: args.supplier_fee_bps,
        change_at,
    }
    .emit();
    Ok(())
}
