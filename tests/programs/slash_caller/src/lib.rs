//! slash_caller (tests only): forwards one instruction to another program by CPI, signing
//! with this program's ["slasher"] PDA, as io_slashing will when it calls io_staking's
//! `slash`, `jail` and `unjail`.
//!
//! Accounts: `0.` the program to call, then the callee's accounts in order (the slasher PDA
//! among them, passed as a non-signer: only this program can sign for it). Instruction data:
//! the callee's instruction data, forwarded unchanged.
#![no_std]

use framework::cpi::{invoke_signed, AccountMeta, Instruction, Seed, Signer};
use framework::entrypoint::Input;
use framework::error::{ProgramError, ProgramResult};
use framework::pubkey::{find_program_address, keys_eq};

const SLASHER_SEED: &[u8] = b"slasher";
/// The most accounts a forwarded instruction may have (io_staking's `slash` has 7).
const MAX_FORWARDED: usize = 7;

fn process(input: &Input) -> ProgramResult {
    let [callee, forwarded @ ..] = input.accounts else {
        return Err(ProgramError::NOT_ENOUGH_ACCOUNT_KEYS);
    };
    if forwarded.len() > MAX_FORWARDED {
        return Err(ProgramError::INVALID_ARGUMENT);
    }
    let (slasher, bump) = find_program_address(&[SLASHER_SEED], input.program_id)?;
    // The callee's account metas, the slasher PDA signing; unused slots repeat the callee.
    let metas: [AccountMeta; MAX_FORWARDED] = core::array::from_fn(|i| match forwarded.get(i) {
        Some(account) => {
            let signs = account.is_signer() || keys_eq(account.key(), &slasher);
            AccountMeta::new(account.key(), account.is_writable(), signs)
        }
        None => AccountMeta::new(callee.key(), false, false),
    });
    let bump_seed = [bump];
    let seeds = [Seed::from(SLASHER_SEED), Seed::from(&bump_seed)];
    let signers = [Signer::from(&seeds[..])];
    let ix = Instruction { program_id: callee.key(), accounts: &metas[..forwarded.len()], data: input.data };
    // `invoke_signed` takes a fixed number of accounts: the shapes of io_staking's slasher
    // instructions (jail / unjail: 3 accounts, slash: 7).
    match forwarded {
        [a, b, c] => invoke_signed(&ix, [a, b, c], &signers),
        [a, b, c, d, e, f, g] => invoke_signed(&ix, [a, b, c, d, e, f, g], &signers),
        _ => Err(ProgramError::INVALID_ARGUMENT),
    }
}

framework::entrypoint!(process);
