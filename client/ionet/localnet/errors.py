"""JSON-RPC error objects, and Agave's messages for transaction errors."""

from __future__ import annotations

import re
from typing import Any, Final

# JSON-RPC 2.0 codes.
PARSE_ERROR: Final = -32700
INVALID_REQUEST: Final = -32600
METHOD_NOT_FOUND: Final = -32601
INVALID_PARAMS: Final = -32602
INTERNAL_ERROR: Final = -32603
# Solana server codes (agave rpc-client-api custom_error.rs).
BLOCK_CLEANED_UP: Final = -32001
BLOCK_NOT_AVAILABLE: Final = -32004
NODE_UNHEALTHY: Final = -32005
SEND_TRANSACTION_PREFLIGHT_FAILURE: Final = -32002
TRANSACTION_SIGNATURE_VERIFICATION_FAILURE: Final = -32003
SLOT_SKIPPED: Final = -32007
NO_SNAPSHOT: Final = -32008
TRANSACTION_HISTORY_NOT_AVAILABLE: Final = -32011
UNSUPPORTED_TRANSACTION_VERSION: Final = -32015


class RpcError(Exception):
    """An error answered as a JSON-RPC error object."""

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            err["data"] = self.data
        return err


def invalid_params(message: str) -> RpcError:
    if not message.startswith("Invalid"):
        message = f"Invalid params: {message}"
    return RpcError(INVALID_PARAMS, message)


_TX_ERRORS: Final = {
    "AccountInUse": "Account in use",
    "AccountLoadedTwice": "Account loaded twice",
    "AccountNotFound": "Attempt to debit an account but found no record of a prior credit.",
    "ProgramAccountNotFound": "Attempt to load a program that does not exist",
    "InsufficientFundsForFee": "Insufficient funds for fee",
    "InvalidAccountForFee": "This account may not be used to pay transaction fees",
    "AlreadyProcessed": "This transaction has already been processed",
    "BlockhashNotFound": "Blockhash not found",
    "CallChainTooDeep": "Loader call chain is too deep",
    "MissingSignatureForFee": "Transaction requires a fee but has no signature present",
    "InvalidAccountIndex": "Transaction contains an invalid account reference",
    "SignatureFailure": "Transaction did not pass signature verification",
    "InvalidProgramForExecution": "This program may not be used for executing instructions",
    "SanitizeFailure": "Transaction failed to sanitize accounts offsets correctly",
    "ClusterMaintenance": "Transactions are currently disabled due to cluster maintenance",
    "AccountBorrowOutstanding": "Transaction processing left an account with an outstanding"
    " borrowed reference",
    "UnsupportedVersion": "Transaction version is unsupported",
    "InvalidWritableAccount": "Transaction loads a writable account that cannot be written",
    "TooManyAccountLocks": "Transaction locked too many accounts",
    "AddressLookupTableNotFound": "Transaction loads an address table account that doesn't"
    " exist",
    "InvalidAddressLookupTableOwner": "Transaction loads an address table account with an"
    " invalid owner",
    "InvalidAddressLookupTableData": "Transaction loads an address table account with invalid"
    " data",
    "InvalidAddressLookupTableIndex": "Transaction address table lookup uses an invalid index",
    "InvalidRentPayingAccount": "Transaction leaves an account with a lower balance than"
    " rent-exempt minimum",
    "MaxLoadedAccountsDataSizeExceeded": "Transaction exceeded max loaded accounts data size"
    " cap",
    "InvalidLoadedAccountsDataSizeLimit": "LoadedAccountsDataSizeLimit set for transaction"
    " must be greater than 0.",
    "UnbalancedTransaction": "Sum of account balances before and after transaction do not"
    " match",
}

_IX_ERRORS: Final = {
    "GenericError": "generic instruction error",
    "InvalidArgument": "invalid program argument",
    "InvalidInstructionData": "invalid instruction data",
    "InvalidAccountData": "invalid account data for instruction",
    "AccountDataTooSmall": "account data too small for instruction",
    "InsufficientFunds": "insufficient funds for instruction",
    "IncorrectProgramId": "incorrect program id for instruction",
    "MissingRequiredSignature": "missing required signature for instruction",
    "AccountAlreadyInitialized": "instruction requires an uninitialized account",
    "UninitializedAccount": "instruction requires an initialized account",
    "UnbalancedInstruction": "sum of account balances before and after instruction do not"
    " match",
    "ModifiedProgramId": "instruction illegally modified the program id of an account",
    "ExternalAccountLamportSpend": "instruction spent from the balance of an account it does"
    " not own",
    "ExternalAccountDataModified": "instruction modified data of an account it does not own",
    "ReadonlyLamportChange": "instruction changed the balance of a read-only account",
    "ReadonlyDataModified": "instruction modified data of a read-only account",
    "DuplicateAccountIndex": "instruction contains duplicate accounts",
    "ExecutableModified": "instruction changed executable bit of an account",
    "RentEpochModified": "instruction modified rent epoch of an account",
    "NotEnoughAccountKeys": "insufficient account keys for instruction",
    "AccountDataSizeChanged": "program other than the account's owner changed the size of the"
    " account data",
    "AccountNotExecutable": "instruction expected an executable account",
    "AccountBorrowFailed": "instruction tries to borrow reference for an account which is"
    " already borrowed",
    "AccountBorrowOutstanding": "instruction left account with an outstanding borrowed"
    " reference",
    "DuplicateAccountOutOfSync": "instruction modifications of multiply-passed account differ",
    "InvalidError": "program returned invalid error code",
    "ExecutableDataModified": "instruction changed executable accounts data",
    "ExecutableLamportChange": "instruction changed the balance of an executable account",
    "ExecutableAccountNotRentExempt": "executable accounts must be rent exempt",
    "UnsupportedProgramId": "Unsupported program id",
    "CallDepth": "Cross-program invocation call depth too deep",
    "MissingAccount": "An account required by the instruction is missing",
    "ReentrancyNotAllowed": "Cross-program invocation reentrancy not allowed for this"
    " instruction",
    "MaxSeedLengthExceeded": "Length of the seed is too long for address generation",
    "InvalidSeeds": "Provided seeds do not result in a valid address",
    "InvalidRealloc": "Failed to reallocate account data",
    "ComputationalBudgetExceeded": "Computational budget exceeded",
    "PrivilegeEscalation": "Cross-program invocation with unauthorized signer or writable"
    " account",
    "ProgramEnvironmentSetupFailure": "Failed to create program execution environment",
    "ProgramFailedToComplete": "Program failed to complete",
    "ProgramFailedToCompile": "Program failed to compile",
    "Immutable": "Account is immutable",
    "IncorrectAuthority": "Incorrect authority provided",
    "AccountNotRentExempt": "An account does not have enough lamports to be rent-exempt",
    "InvalidAccountOwner": "Invalid account owner",
    "ArithmeticOverflow": "Program arithmetic overflowed",
    "UnsupportedSysvar": "Unsupported sysvar",
    "IllegalOwner": "Provided owner is not allowed",
    "MaxAccountsDataAllocationsExceeded": "Accounts data allocations exceeded the maximum"
    " allowed per transaction",
    "MaxAccountsExceeded": "Max accounts exceeded",
    "MaxInstructionTraceLengthExceeded": "Max instruction trace length exceeded",
    "BuiltinProgramsMustConsumeComputeUnits": "Builtin programs must consume compute units",
}


def _words(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def instruction_error_message(err: Any) -> str:
    if isinstance(err, dict):
        ((kind, value),) = err.items()
        if kind == "Custom":
            return f"custom program error: {int(value):#x}"
        if kind == "BorshIoError":
            return f"Failed to serialize or deserialize account data: {value}"
        return _IX_ERRORS.get(kind, _words(kind))
    return _IX_ERRORS.get(str(err), _words(str(err)))


def transaction_error_message(err: Any) -> str:
    """Agave's Display text of a TransactionError given in its JSON form."""
    if isinstance(err, dict):
        ((kind, value),) = err.items()
        if kind == "InstructionError":
            index, inner = value
            return f"Error processing Instruction {index}: {instruction_error_message(inner)}"
        if kind == "DuplicateInstruction":
            return f"Transaction contains a duplicate instruction ({value}) that is not allowed"
        if kind == "InsufficientFundsForRent":
            index = value.get("account_index") if isinstance(value, dict) else value
            return f"Transaction results in an account ({index}) with insufficient funds for rent"
        if kind == "ProgramExecutionTemporarilyRestricted":
            index = value.get("account_index") if isinstance(value, dict) else value
            return (
                f"Execution of the program referenced by account at index {index} is "
                "temporarily restricted."
            )
        return _words(kind)
    return _TX_ERRORS.get(str(err), _words(str(err)))


def custom_error_code(err: Any) -> int | None:
    """The custom program error number inside an InstructionError, if any."""
    if isinstance(err, dict) and "InstructionError" in err:
        inner = err["InstructionError"][1]
        if isinstance(inner, dict) and "Custom" in inner:
            return int(inner["Custom"])
    return None
