import typing
from anchorpy.error import ProgramError


class NotUpgradeAuthority(ProgramError):
    def __init__(self) -> None:
        super().__init__(6000, "The signer is not the program's upgrade authority")

    code = 6000
    name = "NotUpgradeAuthority"
    msg = "The signer is not the program's upgrade authority"


CustomError = typing.Union[NotUpgradeAuthority]
CUSTOM_ERROR_MAP: dict[int, CustomError] = {
    6000: NotUpgradeAuthority(),
}


def from_code(code: int) -> typing.Optional[CustomError]:
    maybe_err = CUSTOM_ERROR_MAP.get(code)
    if maybe_err is None:
        return None
    return maybe_err
