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


class SlashProposalJSON(typing.TypedDict):
    version: int
    bump: int
    status: int
    offense: int
    bps: int
    node: str
    seq: int
    reporter: str
    evidence_hash: list[int]
    counter_evidence_hash: list[int]
    created_at: int
    challenge_ends_at: int
    appeal_ends_at: int
    closed_at: int
    reserved: list[int]


@dataclass
class SlashProposal:
    discriminator: typing.ClassVar = b"h\x1a\r^A\xcbk+"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "status" / borsh.U8,
        "offense" / borsh.U8,
        "bps" / borsh.U16,
        "node" / BorshPubkey,
        "seq" / borsh.U64,
        "reporter" / BorshPubkey,
        "evidence_hash" / borsh.U8[32],
        "counter_evidence_hash" / borsh.U8[32],
        "created_at" / borsh.I64,
        "challenge_ends_at" / borsh.I64,
        "appeal_ends_at" / borsh.I64,
        "closed_at" / borsh.I64,
        "reserved" / borsh.U8[32],
    )
    version: int
    bump: int
    status: int
    offense: int
    bps: int
    node: Pubkey
    seq: int
    reporter: Pubkey
    evidence_hash: list[int]
    counter_evidence_hash: list[int]
    created_at: int
    challenge_ends_at: int
    appeal_ends_at: int
    closed_at: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["SlashProposal"]:
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
    ) -> typing.List[typing.Optional["SlashProposal"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["SlashProposal"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "SlashProposal":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = SlashProposal.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            status=dec.status,
            offense=dec.offense,
            bps=dec.bps,
            node=dec.node,
            seq=dec.seq,
            reporter=dec.reporter,
            evidence_hash=dec.evidence_hash,
            counter_evidence_hash=dec.counter_evidence_hash,
            created_at=dec.created_at,
            challenge_ends_at=dec.challenge_ends_at,
            appeal_ends_at=dec.appeal_ends_at,
            closed_at=dec.closed_at,
            reserved=dec.reserved,
        )

    def to_json(self) -> SlashProposalJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "status": self.status,
            "offense": self.offense,
            "bps": self.bps,
            "node": str(self.node),
            "seq": self.seq,
            "reporter": str(self.reporter),
            "evidence_hash": self.evidence_hash,
            "counter_evidence_hash": self.counter_evidence_hash,
            "created_at": self.created_at,
            "challenge_ends_at": self.challenge_ends_at,
            "appeal_ends_at": self.appeal_ends_at,
            "closed_at": self.closed_at,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: SlashProposalJSON) -> "SlashProposal":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            status=obj["status"],
            offense=obj["offense"],
            bps=obj["bps"],
            node=Pubkey.from_string(obj["node"]),
            seq=obj["seq"],
            reporter=Pubkey.from_string(obj["reporter"]),
            evidence_hash=obj["evidence_hash"],
            counter_evidence_hash=obj["counter_evidence_hash"],
            created_at=obj["created_at"],
            challenge_ends_at=obj["challenge_ends_at"],
            appeal_ends_at=obj["appeal_ends_at"],
            closed_at=obj["closed_at"],
            reserved=obj["reserved"],
        )
