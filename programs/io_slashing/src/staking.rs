//! The CPIs into io_staking, signed by this program's ["slasher"] PDA (io_staking's
//! config.slasher): `slash`, `jail`, and the node's pending-proposal counter. The
//! instruction data and account lists follow io_staking's generated interface; io_staking
//! checks every account it is given (its config, the node, vault, mint, treasury).

use framework::account::AccountInfo;
use framework::cpi::{invoke_signed, AccountMeta, Instruction, Seed, Signer};
use framework::error::ProgramResult;
use io_staking::interface::{
    JAIL_DISCRIMINATOR, LOWER_PENDING_SLASH_DISCRIMINATOR, RAISE_PENDING_SLASH_DISCRIMINATOR,
    SLASH_DISCRIMINATOR,
};

use crate::interface::{SlashingConfig, SLASHER_SEED};

/// io_staking and the accounts every slasher instruction of it takes: its config, the
/// node, and the slasher PDA (whose bump the config stores).
pub struct Staking<'a> {
    pub program: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub node: &'a AccountInfo,
    pub slasher: &'a AccountInfo,
    pub slasher_bump: u8,
}

/// The token accounts of io_staking's `slash`.
pub struct SlashTokens<'a> {
    pub stake_vault: &'a AccountInfo,
    pub stake_mint: &'a AccountInfo,
    pub treasury: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
}

impl<'a> Staking<'a> {
    /// io_staking's `program`, its `config` and the `node`, signed for by the `slasher`
    /// PDA whose bump our `slashing` config stores.
    #[inline(always)]
    pub fn new(
        slashing: &SlashingConfig,
        program: &'a AccountInfo,
        config: &'a AccountInfo,
        node: &'a AccountInfo,
        slasher: &'a AccountInfo,
    ) -> Self {
        Staking { program, config, node, slasher, slasher_bump: slashing.slasher_bump() }
    }

    fn call<const N: usize>(
        &self,
        metas: &[AccountMeta],
        data: &[u8],
        accounts: [&AccountInfo; N],
    ) -> ProgramResult {
        let bump = [self.slasher_bump];
        let seeds = [Seed::from(SLASHER_SEED), Seed::from(&bump)];
        let ix = Instruction { program_id: self.program.key(), accounts: metas, data };
        invoke_signed(&ix, accounts, &[Signer::from(&seeds[..])])
    }

    /// `config, node (writable), slasher (signer)`: the shape of jail and the counter.
    #[inline(never)]
    fn call_on_node(&self, data: &[u8]) -> ProgramResult {
        let metas = [
            AccountMeta::readonly(self.config),
            AccountMeta::writable(self.node),
            AccountMeta::readonly_signer(self.slasher),
        ];
        self.call(&metas, data, [self.config, self.node, self.slasher])
    }

    pub fn raise_pending(&self) -> ProgramResult {
        self.call_on_node(&RAISE_PENDING_SLASH_DISCRIMINATOR)
    }

    pub fn lower_pending(&self) -> ProgramResult {
        self.call_on_node(&LOWER_PENDING_SLASH_DISCRIMINATOR)
    }

    pub fn jail(&self, until: i64) -> ProgramResult {
        let mut data = [0u8; 16];
        data[..8].copy_from_slice(&JAIL_DISCRIMINATOR);
        data[8..].copy_from_slice(&until.to_le_bytes());
        self.call_on_node(&data)
    }

    pub fn slash(&self, bps: u16, tokens: &SlashTokens) -> ProgramResult {
        let mut data = [0u8; 10];
        data[..8].copy_from_slice(&SLASH_DISCRIMINATOR);
        data[8..].copy_from_slice(&bps.to_le_bytes());
        let metas = [
            AccountMeta::readonly(self.config),
            AccountMeta::writable(self.node),
            AccountMeta::readonly_signer(self.slasher),
            AccountMeta::writable(tokens.stake_vault),
            AccountMeta::writable(tokens.stake_mint),
            AccountMeta::writable(tokens.treasury),
            AccountMeta::readonly(tokens.token_program),
        ];
        let accounts = [
            self.config,
            self.node,
            self.slasher,
            tokens.stake_vault,
            tokens.stake_mint,
            tokens.treasury,
            tokens.token_program,
        ];
        self.call(&metas, &data, accounts)
    }
}
