//! `remove_reporter`: the admin removes a reporter (the last one takes its slot). Its
//! proposals stay open: they are judged on their evidence, and can be cancelled.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};

use crate::interface::{ErrorCode, RemoveReporterAccounts, RemoveReporterArgs, ReporterRemoved};

pub fn process(accounts: &mut RemoveReporterAccounts, args: RemoveReporterArgs) -> ProgramResult {
    let RemoveReporterAccounts { config, .. } = accounts;
    let count = config.reporter_count() as usize;
    let Some(index) = config.reporters()[..count].iter().position(|r| keys_eq(r, &args.reporter)) else {
        return Err(ErrorCode::NotReporter.into());
    };

    // Note: index < count, so count >= 1.
    let last = count - 1;
    let reporters = config.reporters_mut();
    reporters[index] = reporters[last];
    reporters[last] = Pubkey::default();
    config.set_reporter_count(last as u8);
    ReporterRemoved { reporter: args.reporter }.emit();
    Ok(())
}
