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


class InvalidBps(ProgramError):
    def __init__(self) -> None:
        super().__init__(6003, "A basis-point value is zero or above 10000")

    code = 6003
    name = "InvalidBps"
    msg = "A basis-point value is zero or above 10000"


class InvalidDuration(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6004,
            "A duration is negative, below its minimum or above MAX_DURATION_SECS (365 days)",
        )

    code = 6004
    name = "InvalidDuration"
    msg = "A duration is negative, below its minimum or above MAX_DURATION_SECS (365 days)"


class Paused(ProgramError):
    def __init__(self) -> None:
        super().__init__(6005, "The program is paused")

    code = 6005
    name = "Paused"
    msg = "The program is paused"


class NotReporter(ProgramError):
    def __init__(self) -> None:
        super().__init__(6006, "The signer is not a reporter")

    code = 6006
    name = "NotReporter"
    msg = "The signer is not a reporter"


class ReporterSetFull(ProgramError):
    def __init__(self) -> None:
        super().__init__(6007, "The reporter set is full")

    code = 6007
    name = "ReporterSetFull"
    msg = "The reporter set is full"


class AlreadyReporter(ProgramError):
    def __init__(self) -> None:
        super().__init__(6008, "The key is a reporter already")

    code = 6008
    name = "AlreadyReporter"
    msg = "The key is a reporter already"


class UnknownOffense(ProgramError):
    def __init__(self) -> None:
        super().__init__(6009, "There is no such offense kind")

    code = 6009
    name = "UnknownOffense"
    msg = "There is no such offense kind"


class OffenseCapExceeded(ProgramError):
    def __init__(self) -> None:
        super().__init__(6010, "The slash is above its offense's cap per proposal")

    code = 6010
    name = "OffenseCapExceeded"
    msg = "The slash is above its offense's cap per proposal"


class RollingCapExceeded(ProgramError):
    def __init__(self) -> None:
        super().__init__(6011, "The slash would push the node past the rolling cap")

    code = 6011
    name = "RollingCapExceeded"
    msg = "The slash would push the node past the rolling cap"


class TooManyProposals(ProgramError):
    def __init__(self) -> None:
        super().__init__(6012, "The node has too many proposals in the rolling window")

    code = 6012
    name = "TooManyProposals"
    msg = "The node has too many proposals in the rolling window"


class WrongSequence(ProgramError):
    def __init__(self) -> None:
        super().__init__(6013, "The sequence number is not the node's next")

    code = 6013
    name = "WrongSequence"
    msg = "The sequence number is not the node's next"


class NotNodeOwner(ProgramError):
    def __init__(self) -> None:
        super().__init__(6014, "The signer does not own the node")

    code = 6014
    name = "NotNodeOwner"
    msg = "The signer does not own the node"


class ChallengeWindowOver(ProgramError):
    def __init__(self) -> None:
        super().__init__(6015, "The challenge window has passed")

    code = 6015
    name = "ChallengeWindowOver"
    msg = "The challenge window has passed"


class ChallengeWindowOpen(ProgramError):
    def __init__(self) -> None:
        super().__init__(6016, "The challenge window has not passed")

    code = 6016
    name = "ChallengeWindowOpen"
    msg = "The challenge window has not passed"


class NotPending(ProgramError):
    def __init__(self) -> None:
        super().__init__(6017, "The proposal is not pending")

    code = 6017
    name = "NotPending"
    msg = "The proposal is not pending"


class NotDisputed(ProgramError):
    def __init__(self) -> None:
        super().__init__(6018, "The proposal is not disputed")

    code = 6018
    name = "NotDisputed"
    msg = "The proposal is not disputed"


class DisputeUnresolved(ProgramError):
    def __init__(self) -> None:
        super().__init__(6019, "The proposal is disputed and not resolved")

    code = 6019
    name = "DisputeUnresolved"
    msg = "The proposal is disputed and not resolved"


class ProposalClosed(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6020, "The proposal was already executed, cancelled or rejected"
        )

    code = 6020
    name = "ProposalClosed"
    msg = "The proposal was already executed, cancelled or rejected"


class NotReporterOrAdmin(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6021, "Only the reporter or the admin may cancel the proposal now"
        )

    code = 6021
    name = "NotReporterOrAdmin"
    msg = "Only the reporter or the admin may cancel the proposal now"


class MathOverflow(ProgramError):
    def __init__(self) -> None:
        super().__init__(6022, "Arithmetic overflow")

    code = 6022
    name = "MathOverflow"
    msg = "Arithmetic overflow"


class AppealWindowOver(ProgramError):
    def __init__(self) -> None:
        super().__init__(6023, "The appeal window is over: the dispute has lapsed")

    code = 6023
    name = "AppealWindowOver"
    msg = "The appeal window is over: the dispute has lapsed"


CustomError = typing.Union[
    NotUpgradeAuthority,
    NotAdmin,
    NotPendingAdmin,
    InvalidBps,
    InvalidDuration,
    Paused,
    NotReporter,
    ReporterSetFull,
    AlreadyReporter,
    UnknownOffense,
    OffenseCapExceeded,
    RollingCapExceeded,
    TooManyProposals,
    WrongSequence,
    NotNodeOwner,
    ChallengeWindowOver,
    ChallengeWindowOpen,
    NotPending,
    NotDisputed,
    DisputeUnresolved,
    ProposalClosed,
    NotReporterOrAdmin,
    MathOverflow,
    AppealWindowOver,
]
CUSTOM_ERROR_MAP: dict[int, CustomError] = {
    6000: NotUpgradeAuthority(),
    6001: NotAdmin(),
    6002: NotPendingAdmin(),
    6003: InvalidBps(),
    6004: InvalidDuration(),
    6005: Paused(),
    6006: NotReporter(),
    6007: ReporterSetFull(),
    6008: AlreadyReporter(),
    6009: UnknownOffense(),
    6010: OffenseCapExceeded(),
    6011: RollingCapExceeded(),
    6012: TooManyProposals(),
    6013: WrongSequence(),
    6014: NotNodeOwner(),
    6015: ChallengeWindowOver(),
    6016: ChallengeWindowOpen(),
    6017: NotPending(),
    6018: NotDisputed(),
    6019: DisputeUnresolved(),
    6020: ProposalClosed(),
    6021: NotReporterOrAdmin(),
    6022: MathOverflow(),
    6023: AppealWindowOver(),
}


def from_code(code: int) -> typing.Optional[CustomError]:
    maybe_err = CUSTOM_ERROR_MAP.get(code)
    if maybe_err is None:
        return None
    return maybe_err
