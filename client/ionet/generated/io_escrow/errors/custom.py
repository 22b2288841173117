import typing
from anchorpy.error import ProgramError


class NotUpgradeAuthority(ProgramError):
    def __init__(self) -> None:
        super().__init__(6000, "The signer is not the program's upgrade authority")

    code = 6000
    name = "NotUpgradeAuthority"
    msg = "The signer is not the program's upgrade authority"


class NotAdmin(ProgramError):
    def __init__(self) -> None:
        super().__init__(6001, "The signer is not the admin")

    code = 6001
    name = "NotAdmin"
    msg = "The signer is not the admin"


class NotPendingAdmin(ProgramError):
    def __init__(self) -> None:
        super().__init__(6002, "The signer is not the proposed admin")

    code = 6002
    name = "NotPendingAdmin"
    msg = "The signer is not the proposed admin"


class NotCoordinator(ProgramError):
    def __init__(self) -> None:
        super().__init__(6003, "The signer is not the current coordinator")

    code = 6003
    name = "NotCoordinator"
    msg = "The signer is not the current coordinator"


class Paused(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6004,
            "The program is paused: opening, topping up and settling are stopped (closing and refunds still work)",
        )

    code = 6004
    name = "Paused"
    msg = "The program is paused: opening, topping up and settling are stopped (closing and refunds still work)"


class FeeAboveCap(ProgramError):
    def __init__(self) -> None:
        super().__init__(6005, "A fee is above the on-chain cap of 10 %")

    code = 6005
    name = "FeeAboveCap"
    msg = "A fee is above the on-chain cap of 10 %"


class InvalidDuration(ProgramError):
    def __init__(self) -> None:
        super().__init__(6006, "A duration is negative")

    code = 6006
    name = "InvalidDuration"
    msg = "A duration is negative"


class MintExtensionNotAllowed(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6007,
            "The mint has a Token-2022 extension that changes what a transfer or a balance does (transfer fee, hook, permanent delegate, non-transferable, default frozen, confidential, pausable, close authority, interest, scaled amount)",
        )

    code = 6007
    name = "MintExtensionNotAllowed"
    msg = "The mint has a Token-2022 extension that changes what a transfer or a balance does (transfer fee, hook, permanent delegate, non-transferable, default frozen, confidential, pausable, close authority, interest, scaled amount)"


class ZeroAmount(ProgramError):
    def __init__(self) -> None:
        super().__init__(6008, "The amount is zero")

    code = 6008
    name = "ZeroAmount"
    msg = "The amount is zero"


class InvalidExpiry(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6009, "The expiry must be in the future and later than the current one"
        )

    code = 6009
    name = "InvalidExpiry"
    msg = "The expiry must be in the future and later than the current one"


class NodeNotEligible(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6010, "The node does not hold the minimum active stake for its GPUs"
        )

    code = 6010
    name = "NodeNotEligible"
    msg = "The node does not hold the minimum active stake for its GPUs"


class NodeJailed(ProgramError):
    def __init__(self) -> None:
        super().__init__(6011, "The node is jailed")

    code = 6011
    name = "NodeJailed"
    msg = "The node is jailed"


class WrongSequence(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6012,
            "The settlement's sequence number is not the escrow's next one (replayed or out of order)",
        )

    code = 6012
    name = "WrongSequence"
    msg = "The settlement's sequence number is not the escrow's next one (replayed or out of order)"


class RateExceeded(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6013, "The settlement exceeds min_charge + rate x time agreed at opening"
        )

    code = 6013
    name = "RateExceeded"
    msg = "The settlement exceeds min_charge + rate x time agreed at opening"


class InsufficientBalance(ProgramError):
    def __init__(self) -> None:
        super().__init__(6014, "The escrow holds less than the amount")

    code = 6014
    name = "InsufficientBalance"
    msg = "The escrow holds less than the amount"


class NotExpired(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6015, "The escrow is refundable only after its expiry plus the grace period"
        )

    code = 6015
    name = "NotExpired"
    msg = "The escrow is refundable only after its expiry plus the grace period"


class NodeStillEligible(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6016,
            "The node is neither jailed nor under-staked; the escrow is not refundable for ineligibility",
        )

    code = 6016
    name = "NodeStillEligible"
    msg = "The node is neither jailed nor under-staked; the escrow is not refundable for ineligibility"


class MathOverflow(ProgramError):
    def __init__(self) -> None:
        super().__init__(6017, "Arithmetic overflow")

    code = 6017
    name = "MathOverflow"
    msg = "Arithmetic overflow"


class BatchMismatch(ProgramError):
    def __init__(self) -> None:
        super().__init__(6018, "The batch needs one writable escrow account per entry")

    code = 6018
    name = "BatchMismatch"
    msg = "The batch needs one writable escrow account per entry"


class DuplicateEscrow(ProgramError):
    def __init__(self) -> None:
        super().__init__(6019, "The same escrow appears twice in the batch")

    code = 6019
    name = "DuplicateEscrow"
    msg = "The same escrow appears twice in the batch"


class EscrowOfAnotherNode(ProgramError):
    def __init__(self) -> None:
        super().__init__(6020, "An escrow of the batch belongs to another node")

    code = 6020
    name = "EscrowOfAnotherNode"
    msg = "An escrow of the batch belongs to another node"


class WrongPayout(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6021, "The payout account is not the one bound to the escrow at opening"
        )

    code = 6021
    name = "WrongPayout"
    msg = "The payout account is not the one bound to the escrow at opening"


class NothingToSweep(ProgramError):
    def __init__(self) -> None:
        super().__init__(6022, "The mint has no accrued fees")

    code = 6022
    name = "NothingToSweep"
    msg = "The mint has no accrued fees"


class RefundGraceTooLong(ProgramError):
    def __init__(self) -> None:
        super().__init__(6023, "The refund grace is above its bound of 30 days")

    code = 6023
    name = "RefundGraceTooLong"
    msg = "The refund grace is above its bound of 30 days"


CustomError = typing.Union[
    NotUpgradeAuthority,
    NotAdmin,
    NotPendingAdmin,
    NotCoordinator,
    Paused,
    FeeAboveCap,
    InvalidDuration,
    MintExtensionNotAllowed,
    ZeroAmount,
    InvalidExpiry,
    NodeNotEligible,
    NodeJailed,
    WrongSequence,
    RateExceeded,
    InsufficientBalance,
    NotExpired,
    NodeStillEligible,
    MathOverflow,
    BatchMismatch,
    DuplicateEscrow,
    EscrowOfAnotherNode,
    WrongPayout,
    NothingToSweep,
    RefundGraceTooLong,
]
CUSTOM_ERROR_MAP: dict[int, CustomError] = {
    6000: NotUpgradeAuthority(),
    6001: NotAdmin(),
    6002: NotPendingAdmin(),
    6003: NotCoordinator(),
    6004: Paused(),
    6005: FeeAboveCap(),
    6006: InvalidDuration(),
    6007: MintExtensionNotAllowed(),
    6008: ZeroAmount(),
    6009: InvalidExpiry(),
    6010: NodeNotEligible(),
    6011: NodeJailed(),
    6012: WrongSequence(),
    6013: RateExceeded(),
    6014: InsufficientBalance(),
    6015: NotExpired(),
    6016: NodeStillEligible(),
    6017: MathOverflow(),
    6018: BatchMismatch(),
    6019: DuplicateEscrow(),
    6020: EscrowOfAnotherNode(),
    6021: WrongPayout(),
    6022: NothingToSweep(),
    6023: RefundGraceTooLong(),
}


def from_code(code: int) -> typing.Optional[CustomError]:
    maybe_err = CUSTOM_ERROR_MAP.get(code)
    if maybe_err is None:
        return None
    return maybe_err
