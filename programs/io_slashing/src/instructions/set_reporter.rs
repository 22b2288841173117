//! `set_reporter`: the admin adds a key to the reporters (a set of at most MAX_REPORTERS)
//! or removes one (the last one takes its slot). A removed reporter's proposals stay
//! open: they are judged on their evidence, and can be cancelled.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};

use crate::interface::{
    ErrorCode, ReporterSet, SetReporterAccounts, SetReporterArgs, MAX_REPORTERS,
};

pub fn process(accounts: &mut SetReporterAccounts, args: SetReporterArgs) -> ProgramResult {
    let SetReporterAccounts { config, .. } = accounts;
    let count = config.reporter_count() as usize;
    let found = config.reporters()[..count].iter().position(|r| keys_eq(r, &args.reporter));
    let reporters = config.reporters_mut();
    let count = match (args.enabled, found) {
        (true, Some(_)) => return Err(ErrorCode::AlreadyReporter.into()),
        (false, None) => return Err(ErrorCode::NotReporter.into()),
        (true, None) if count >= MAX_REPORTERS as usize => {
            return Err(ErrorCode::ReporterSetFull.into())
        }
        (true, None) => {
            reporters[count] = args.reporter;
            count + 1
        }
        (false, Some(index)) => {
            // Note: index < count, so count >= 1.
            reporters[index] = reporters[count - 1];
            reporters[count - 1] = Pubkey::default();
            count - 1
        }
    };
    // Note: count <= MAX_REPORTERS (8).
    config.set_reporter_count(count as u8);
    ReporterSet { reporter: args.reporter, enabled: args.enabled }.emit();
    Ok(())
}
