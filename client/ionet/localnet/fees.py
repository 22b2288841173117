"""A transaction's fee as Agave computes it: the base fee for its signatures plus the
priority fee its compute-budget instructions bid.

LiteSVM (solders 0.26) charges the base fee only: its ``process_transaction`` passes a
prioritization fee of 0 to ``solana_fee::calculate_fee`` (LiteSVM/litesvm rev 7e3d9a8,
crates/litesvm/src/lib.rs). ``hand_fee_payer`` makes it charge the rest.

Where the fee goes: Agave burns half of the base fee and credits the other half and the
whole priority fee to the slot's leader (runtime/src/bank/fee_distribution.rs,
``calculate_reward_and_burn_fee_details``, SIMD-0096). LiteSVM burns its base fee and this
node has no leader to pay, so the priority fee is burnt too: every fee leaves the supply,
and no block has fee rewards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from solders.account import Account
from solders.compute_budget import ID as COMPUTE_BUDGET_PROGRAM
from solders.litesvm import LiteSVM
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey

from ionet.localnet.encoding import JSON

LAMPORTS_PER_SIGNATURE: Final = 5000
_U64_MAX: Final = (1 << 64) - 1

# agave compute-budget/src/compute_budget_limits.rs
DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT: Final = 200_000
MAX_COMPUTE_UNIT_LIMIT: Final = 1_400_000
MIN_HEAP_FRAME_BYTES: Final = 32 * 1024
MAX_HEAP_FRAME_BYTES: Final = 256 * 1024
MICRO_LAMPORTS_PER_LAMPORT: Final = 1_000_000
MAX_BUILTIN_ALLOCATION_COMPUTE_UNIT_LIMIT: Final = 3_000
"""SIMD-0170 (active on every cluster): what a builtin instruction adds to the default
limit, where any other instruction adds 200 000."""
BUILTIN_PROGRAMS: Final = frozenset(Pubkey.from_string(key) for key in (
    # agave builtins-default-costs/src/lib.rs, NON_MIGRATING_BUILTINS_COSTS. Stake, config
    # and address lookup tables have become BPF programs (their migration features are
    # active here, as on mainnet): 200 000 like any other program.
    "Vote111111111111111111111111111111111111111",
    "11111111111111111111111111111111",
    "ComputeBudget111111111111111111111111111111",
    "BPFLoaderUpgradeab1e11111111111111111111111",
    "BPFLoader1111111111111111111111111111111111",
    "BPFLoader2111111111111111111111111111111111",
    "LoaderV411111111111111111111111111111111111",
    "KeccakSecp256k11111111111111111111111111111",
    "Ed25519SigVerify111111111111111111111111111",
))

PRECOMPILES: Final = frozenset(Pubkey.from_string(key) for key in (
    "Ed25519SigVerify111111111111111111111111111",
    "KeccakSecp256k11111111111111111111111111111",
    "Secp256r1SigVerify1111111111111111111111111",
))

# solana-compute-budget-interface: the Borsh tags of ComputeBudgetInstruction (0 is the
# retired RequestUnits) and the size of each one's argument.
_REQUEST_HEAP_FRAME: Final = 1
_SET_COMPUTE_UNIT_LIMIT: Final = 2
_SET_COMPUTE_UNIT_PRICE: Final = 3
_SET_LOADED_ACCOUNTS_DATA_SIZE_LIMIT: Final = 4
_ARGUMENT_BYTES: Final = {_REQUEST_HEAP_FRAME: 4, _SET_COMPUTE_UNIT_LIMIT: 4,
                          _SET_COMPUTE_UNIT_PRICE: 8, _SET_LOADED_ACCOUNTS_DATA_SIZE_LIMIT: 4}


@dataclass(frozen=True, slots=True)
class ComputeBudget:
    """What a transaction's compute-budget instructions settle for its fee."""

    unit_price: int
    """Micro-lamports per compute unit."""
    unit_limit: int


def compute_budget(message: Message | MessageV0) -> ComputeBudget | None:
    """The compute unit price and limit Agave reads from ``message``, or None when it
    refuses its compute-budget instructions (a duplicate, undecodable data, a bad heap
    size, a zero data size limit): such a transaction fails before it pays any fee.

    Agave compute-budget-instruction/src/compute_budget_instruction_details.rs: each
    compute-budget instruction is Borsh-decoded without requiring that every byte be
    read (``try_from_slice_unchecked``); without SetComputeUnitLimit the limit is 3 000
    per builtin instruction (compute-budget ones included) and 200 000 per other; either
    way at most 1 400 000."""
    keys = message.account_keys
    requested: dict[int, int] = {}
    default_limit = 0
    for ix in message.instructions:
        program = keys[ix.program_id_index]
        if program in BUILTIN_PROGRAMS:
            default_limit += MAX_BUILTIN_ALLOCATION_COMPUTE_UNIT_LIMIT
        else:
            default_limit += DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT
        if program != COMPUTE_BUDGET_PROGRAM:
            continue
        data = bytes(ix.data)
        tag = data[0] if data else None
        size = _ARGUMENT_BYTES.get(tag) if tag is not None else None
        if tag is None or size is None or len(data) < 1 + size or tag in requested:
            return None
        requested[tag] = int.from_bytes(data[1 : 1 + size], "little")
    heap = requested.get(_REQUEST_HEAP_FRAME)
    if heap is not None and not (MIN_HEAP_FRAME_BYTES <= heap <= MAX_HEAP_FRAME_BYTES
                                 and heap % 1024 == 0):
        return None
    if requested.get(_SET_LOADED_ACCOUNTS_DATA_SIZE_LIMIT) == 0:
        return None
    limit = requested.get(_SET_COMPUTE_UNIT_LIMIT, default_limit)
    return ComputeBudget(requested.get(_SET_COMPUTE_UNIT_PRICE, 0),
                         min(limit, MAX_COMPUTE_UNIT_LIMIT))


def priority_fee(message: Message | MessageV0) -> int:
    """ceil(price x limit / 10^6) lamports (agave ``get_prioritization_fee``, saturating at
    u64::MAX); 0 when the compute-budget instructions are refused, as Agave's
    getFeeForMessage counts them (``unwrap_or_default``)."""
    budget = compute_budget(message)
    if budget is None:
        return 0
    micro_lamports = budget.unit_price * budget.unit_limit
    return min(-(-micro_lamports // MICRO_LAMPORTS_PER_LAMPORT), _U64_MAX)


def base_fee(message: Message | MessageV0) -> int:
    """5 000 lamports per signature: the transaction's own and those its precompile
    instructions verify, each counted by its first data byte (agave fee/src/lib.rs
    ``calculate_signature_fee``, runtime-transaction/src/signature_details.rs)."""
    keys = message.account_keys
    verified = sum(ix.data[0] if ix.data else 0 for ix in message.instructions
                   if keys[ix.program_id_index] in PRECOMPILES)
    return LAMPORTS_PER_SIGNATURE * (message.header.num_required_signatures + verified)


def transaction_fee(message: Message | MessageV0) -> int:
    """Base fee plus priority fee (agave ``FeeDetails::total_fee``, saturating)."""
    return min(base_fee(message) + priority_fee(message), _U64_MAX)


@dataclass(frozen=True, slots=True)
class FeePayerStandIn:
    """The fee payer as LiteSVM was handed it (see ``hand_fee_payer``)."""

    payer: Pubkey
    original: Account
    lamports: int
    """The stand-in's balance: what LiteSVM takes its base fee from."""
    refusal: JSON
    """Agave's error for the real payer and the whole fee, if it refuses it."""

    def give_back(self, svm: LiteSVM) -> None:
        """Put the real payer back (the transaction did not pay its fee)."""
        svm.set_account(self.payer, self.original)

    def error(self, err: JSON) -> JSON:
        """LiteSVM's error, or Agave's where LiteSVM refused the 1-lamport stand-in."""
        return self.refusal if self.refusal is not None and err == _NO_FEE else err


_NO_FEE: Final = "InsufficientFundsForFee"


def hand_fee_payer(svm: LiteSVM, message: Message | MessageV0,
                   account: Account | None) -> FeePayerStandIn | None:
    """Before a transaction with a priority fee runs, replace its fee payer by one that
    LiteSVM's own check, which knows only the base fee, judges as Agave judges the real
    payer with the whole fee (None: nothing to charge, the payer is left as it is).

    Agave (``validate_fee_payer``, svm/src/account_loader.rs) debits the whole fee before
    execution, keeps it when the transaction fails, and refuses, after the checks that
    come first (signatures, compute budget, account locks), a payer left below its minimum
    balance by the fee (InsufficientFundsForFee; the minimum is 0 for a system account, the
    rent-exempt minimum for a nonce account) or turned from rent-exempt into rent-paying
    (InsufficientFundsForRent). So a payer that can pay is handed over with the priority
    fee already debited (LiteSVM's check is then Agave's: L - P - min >= base exactly when
    L - min >= base + P) and LiteSVM debits the base fee; one that cannot is handed over
    with 1 lamport, so that LiteSVM either fails it for an earlier reason or refuses it
    at the fee check, where ``error`` puts Agave's error."""
    priority = priority_fee(message)
    if not priority or account is None or account.lamports == 0:
        return None  # no lamports: AccountNotFound, from LiteSVM as from Agave
    fee = transaction_fee(message)
    lamports = account.lamports
    rent_exempt = svm.minimum_balance_for_rent_exemption(len(account.data))
    minimum = rent_exempt if account.data else 0
    refusal: JSON = None
    if lamports - minimum < fee:
        refusal = _NO_FEE
    elif 0 < lamports - fee < rent_exempt <= lamports:
        refusal = {"InsufficientFundsForRent": {"account_index": 0}}
    handed = 1 if refusal is not None else lamports - priority
    payer = message.account_keys[0]
    svm.set_account(payer, Account(handed, account.data, account.owner, account.executable,
                                   account.rent_epoch))
    return FeePayerStandIn(payer, account, handed, refusal)
