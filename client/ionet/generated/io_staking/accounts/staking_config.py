import typing
from dataclasses import dataclass
from solders.pubkey import Pubkey
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
import borsh_construct as borsh
from anchorpy.coder.accounts import ACCOUNT_DISCRIMINATOR_SIZE
from anchorpy.error import AccountInvalidDiscriminator
from anchorpy.utils.rpc import get_multiple_accounts
from anchorpy.borsh_extension import BorshPubkey
from ..program_id import PROGRAM_ID
from .. import types


class StakingConfigJSON(typing.TypedDict):
    version: int
    bump: int
    paused: bool
    slash_burn: bool
    mint_decimals: int
    admin: str
    pending_admin: str
    reward_authority: str
    pause_authority: str
    slasher: str
    stake_mint: str
    stake_token_program: str
    stake_vault: str
    reward_vault: str
    reward_state: str
    treasury: str
    min_stake_per_gpu: int
    unstake_cooldown_secs: int
    costaker_exit_wait_secs: int
    max_costake_bps: int
    has_pending_params: bool
    pending_activates_at: int
    pending_params: types.config_params.ConfigParamsJSON
    slasher_generation: int
    reserved: list[int]


@dataclass
class StakingConfig:
    discriminator: typing.ClassVar = b"-\x86\xfcR%9T\x19"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "paused" / borsh.Bool,
        "slash_burn" / borsh.Bool,
        "mint_decimals" / borsh.U8,
        "admin" / BorshPubkey,
        "pending_admin" / BorshPubkey,
        "reward_authority" / BorshPubkey,
        "pause_authority" / BorshPubkey,
        "slasher" / BorshPubkey,
        "stake_mint" / BorshPubkey,
        "stake_token_program" / BorshPubkey,
        "stake_vault" / BorshPubkey,
        "reward_vault" / BorshPubkey,
        "reward_state" / BorshPubkey,
        "treasury" / BorshPubkey,
        "min_stake_per_gpu" / borsh.U64,
        "unstake_cooldown_secs" / borsh.I64,
        "costaker_exit_wait_secs" / borsh.I64,
        "max_costake_bps" / borsh.U16,
        "has_pending_params" / borsh.Bool,
        "pending_activates_at" / borsh.I64,
        "pending_params" / types.config_params.ConfigParams.layout,
        "slasher_generation" / borsh.U32,
        "reserved" / borsh.U8[124],
    )
    version: int
    bump: int
    paused: bool
    slash_burn: bool
    mint_decimals: int
    admin: Pubkey
    pending_admin: Pubkey
    reward_authority: Pubkey
    pause_authority: Pubkey
    slasher: Pubkey
    stake_mint: Pubkey
    stake_token_program: Pubkey
    stake_vault: Pubkey
    reward_vault: Pubkey
    reward_state: Pubkey
    treasury: Pubkey
    min_stake_per_gpu: int
    unstake_cooldown_secs: int
    costaker_exit_wait_secs: int
    max_costake_bps: int
    has_pending_params: bool
    pending_activates_at: int
    pending_params: types.config_params.ConfigParams
    slasher_generation: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["StakingConfig"]:
        resp = await conn.get_account_info(address, commitment=commitment)
        info = resp.value
        if info is None:
            return None
        if info.owner != program_id:
            raise ValueError("Account does not belong to this program")
        bytes_data = info.data
        return cls.decode(bytes_data)

    @classmethod
    async def fetch_multiple(
        cls,
        conn: AsyncClient,
        addresses: list[Pubkey],
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.List[typing.Optional["StakingConfig"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["StakingConfig"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "StakingConfig":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = StakingConfig.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            paused=dec.paused,
            slash_burn=dec.slash_burn,
            mint_decimals=dec.mint_decimals,
            admin=dec.admin,
            pending_admin=dec.pending_admin,
            reward_authority=dec.reward_authority,
            pause_authority=dec.pause_authority,
            slasher=dec.slasher,
            stake_mint=dec.stake_mint,
            stake_token_program=dec.stake_token_program,
            stake_vault=dec.stake_vault,
            reward_vault=dec.reward_vault,
            reward_state=dec.reward_state,
            treasury=dec.treasury,
            min_stake_per_gpu=dec.min_stake_per_gpu,
            unstake_cooldown_secs=dec.unstake_cooldown_secs,
            costaker_exit_wait_secs=dec.costaker_exit_wait_secs,
            max_costake_bps=dec.max_costake_bps,
            has_pending_params=dec.has_pending_params,
            pending_activates_at=dec.pending_activates_at,
            pending_params=types.config_params.ConfigParams.from_decoded(
                dec.pending_params
            ),
            slasher_generation=dec.slasher_generation,
            reserved=dec.reserved,
        )

    def to_json(self) -> StakingConfigJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "paused": self.paused,
            "slash_burn": self.slash_burn,
            "mint_decimals": self.mint_decimals,
            "admin": str(self.admin),
            "pending_admin": str(self.pending_admin),
            "reward_authority": str(self.reward_authority),
            "pause_authority": str(self.pause_authority),
            "slasher": str(self.slasher),
            "stake_mint": str(self.stake_mint),
            "stake_token_program": str(self.stake_token_program),
            "stake_vault": str(self.stake_vault),
            "reward_vault": str(self.reward_vault),
            "reward_state": str(self.reward_state),
            "treasury": str(self.treasury),
            "min_stake_per_gpu": self.min_stake_per_gpu,
            "unstake_cooldown_secs": self.unstake_cooldown_secs,
            "costaker_exit_wait_secs": self.costaker_exit_wait_secs,
            "max_costake_bps": self.max_costake_bps,
            "has_pending_params": self.has_pending_params,
            "pending_activates_at": self.pending_activates_at,
            "pending_params": self.pending_params.to_json(),
            "slasher_generation": self.slasher_generation,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: StakingConfigJSON) -> "StakingConfig":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            paused=obj["paused"],
            slash_burn=obj["slash_burn"],
            mint_decimals=obj["mint_decimals"],
            admin=Pubkey.from_string(obj["admin"]),
            pending_admin=Pubkey.from_string(obj["pending_admin"]),
            reward_authority=Pubkey.from_string(obj["reward_authority"]),
            pause_authority=Pubkey.from_string(obj["pause_authority"]),
            slasher=Pubkey.from_string(obj["slasher"]),
            stake_mint=Pubkey.from_string(obj["stake_mint"]),
            stake_token_program=Pubkey.from_string(obj["stake_token_program"]),
            stake_vault=Pubkey.from_string(obj["stake_vault"]),
            reward_vault=Pubkey.from_string(obj["reward_vault"]),
            reward_state=Pubkey.from_string(obj["reward_state"]),
            treasury=Pubkey.from_string(obj["treasury"]),
            min_stake_per_gpu=obj["min_stake_per_gpu"],
            unstake_cooldown_secs=obj["unstake_cooldown_secs"],
            costaker_exit_wait_secs=obj["costaker_exit_wait_secs"],
            max_costake_bps=obj["max_costake_bps"],
            has_pending_params=obj["has_pending_params"],
            pending_activates_at=obj["pending_activates_at"],
            pending_params=types.config_params.ConfigParams.from_json(
                obj["pending_params"]
            ),
            slasher_generation=obj["slasher_generation"],
            reserved=obj["reserved"],
        )
