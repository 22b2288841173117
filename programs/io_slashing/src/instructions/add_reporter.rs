//! `add_reporter`: the admin adds a key to the reporters, a set of at most MAX_REPORTERS.

use framework::error::ProgramResult;
use framework::pubkey::keys_eq;

use crate::interface::{AddReporterAccounts, AddReporterArgs, ErrorCode, ReporterAdded, MAX_REPORTERS};

pub fn process(accounts: &mut AddReporterAccounts, args: AddReporterArgs) -> ProgramResult {
    let AddReporterAccounts { config, .. } = accounts;
    let count = config.reporter_count() as usize;
    if config.reporters()[..count].iter().any(|r| keys_eq(r, &args.reporter)) {
        return Err(ErrorCode::AlreadyReporter.into());
    }
    if count >= MAX_REPORTERS as usize {
        return Err(ErrorCode::ReporterSetFull.into());
    }

    config.reporters_mut()[count] = args.reporter;
    // Note: count < MAX_REPORTERS (8), checked above.
    config.set_reporter_count(count as u8 + 1);
    ReporterAdded { reporter: args.reporter }.emit();
    Ok(())
}
