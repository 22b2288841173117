from __future__ import annotations
import typing
from dataclasses import dataclass
from construct import Container
from solders.pubkey import Pubkey
from anchorpy.borsh_extension import BorshPubkey
import borsh_construct as borsh


class ConfigParamsJSON(typing.TypedDict):
    reward_authority: str
    pause_authority: str
    slasher: str
    treasury: str
    min_stake_per_gpu: int
    unstake_cooldown_secs: int
    costaker_exit_wait_secs: int
    max_costake_bps: int
    slash_burn: bool


@dataclass
class ConfigParams:
    layout: typing.ClassVar = borsh.CStruct(
        "reward_authority" / BorshPubkey,
        "pause_authority" / BorshPubkey,
        "slasher" / BorshPubkey,
        "treasury" / BorshPubkey,
        "min_stake_per_gpu" / borsh.U64,
        "unstake_cooldown_secs" / borsh.I64,
        "costaker_exit_wait_secs" / borsh.I64,
        "max_costake_bps" / borsh.U16,
        "slash_burn" / borsh.Bool,
    )
    reward_authority: Pubkey
    pause_authority: Pubkey
    slasher: Pubkey
    treasury: Pubkey
    min_stake_per_gpu: int
    unstake_cooldown_secs: int
    costaker_exit_wait_secs: int
    max_costake_bps: int
    slash_burn: bool

    @classmethod
    def from_decoded(cls, obj: Container) -> "ConfigParams":
        return cls(
            reward_authority=obj.reward_authority,
            pause_authority=obj.pause_authority,
            slasher=obj.slasher,
            treasury=obj.treasury,
            min_stake_per_gpu=obj.min_stake_per_gpu,
            unstake_cooldown_secs=obj.unstake_cooldown_secs,
            costaker_exit_wait_secs=obj.costaker_exit_wait_secs,
            max_costake_bps=obj.max_costake_bps,
            slash_burn=obj.slash_burn,
        )

    def to_encodable(self) -> dict[str, typing.Any]:
        return {
            "reward_authority": self.reward_authority,
            "pause_authority": self.pause_authority,
            "slasher": self.slasher,
            "treasury": self.treasury,
            "min_stake_per_gpu": self.min_stake_per_gpu,
            "unstake_cooldown_secs": self.unstake_cooldown_secs,
            "costaker_exit_wait_secs": self.costaker_exit_wait_secs,
            "max_costake_bps": self.max_costake_bps,
            "slash_burn": self.slash_burn,
        }

    def to_json(self) -> ConfigParamsJSON:
        return {
            "reward_authority": str(self.reward_authority),
            "pause_authority": str(self.pause_authority),
            "slasher": str(self.slasher),
            "treasury": str(self.treasury),
            "min_stake_per_gpu": self.min_stake_per_gpu,
            "unstake_cooldown_secs": self.unstake_cooldown_secs,
            "costaker_exit_wait_secs": self.costaker_exit_wait_secs,
            "max_costake_bps": self.max_costake_bps,
            "slash_burn": self.slash_burn,
        }

    @classmethod
    def from_json(cls, obj: ConfigParamsJSON) -> "ConfigParams":
        return cls(
            reward_authority=Pubkey.from_string(obj["reward_authority"]),
            pause_authority=Pubkey.from_string(obj["pause_authority"]),
            slasher=Pubkey.from_string(obj["slasher"]),
            treasury=Pubkey.from_string(obj["treasury"]),
            min_stake_per_gpu=obj["min_stake_per_gpu"],
            unstake_cooldown_secs=obj["unstake_cooldown_secs"],
            costaker_exit_wait_secs=obj["costaker_exit_wait_secs"],
            max_costake_bps=obj["max_costake_bps"],
            slash_burn=obj["slash_burn"],
        )
