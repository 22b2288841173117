//! `initialize`: creates the config. Only the program's upgrade authority may call it,
//! and only once (both declared: the ProgramData constraint, and `init`). The staking
//! program id and the fee delay are fixed here for good: no admin can later point
//! eligibility at another program or shorten the notice users get of a fee change.

use framework::error::ProgramResult;

use crate::books::{check_duration, check_fee, check_refund_grace};
use crate::interface::{ConfigInitialized, InitializeAccounts, InitializeArgs};

#[inline(always)]
pub fn process(accounts: &mut InitializeAccounts, args: InitializeArgs) -> ProgramResult {
    let InitializeAccounts { config, .. } = accounts;
    let params = args.params;
    check_fee(params.customer_fee_bps())?;
    check_fee(params.supplier_fee_bps())?;
    check_duration(params.fee_delay_secs())?;
    check_refund_grace(params.refund_grace_secs())?;

    *config.admin_mut() = args.admin;
    *config.coordinator_mut() = *params.coordinator();
    *config.treasury_mut() = *params.treasury();
    *config.staking_program_mut() = *params.staking_program();
    config.set_customer_fee_bps(params.customer_fee_bps());
    config.set_supplier_fee_bps(params.supplier_fee_bps());
    config.set_fee_delay_secs(params.fee_delay_secs());
    config.set_refund_grace_secs(params.refund_grace_secs());

    ConfigInitialized { config: *config.key(), admin: args.admin, params }.emit();
    Ok(())
}
