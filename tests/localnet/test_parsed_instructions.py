"""``jsonParsed`` instructions as Agave's transaction-status parsers write them: the pure
parsers on instructions built by the SDKs, then whole transactions (inner instructions
included) through the server and solana-py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import spl.token.instructions as spl
from solana.rpc.async_api import AsyncClient
from solders.compute_budget import set_compute_unit_limit
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import (
    CreateAccountWithSeedParams,
    CreateLookupTableParams,
    ExtendLookupTableParams,
    TransferParams,
    create_account_with_seed,
    create_lookup_table,
    extend_lookup_table,
    transfer,
)
from solders.sysvar import CLOCK, RENT
from solders.token import ID as TOKEN_PROGRAM_ID
from spl.token.constants import TOKEN_2022_PROGRAM_ID

from ionet import loader_v3
from ionet.localnet.parsed import BPF_LOADER, parse_instruction
from ionet.testing import TestCluster

Rpc = Callable[..., Awaitable[Any]]
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
SYSTEM = "11111111111111111111111111111111"


def parsed(ix: Instruction, stack_height: int | None = None) -> Any:
    return parse_instruction(ix.program_id, [m.pubkey for m in ix.accounts], bytes(ix.data),
                             stack_height)


def keys(n: int) -> list[Pubkey]:
    return [Keypair().pubkey() for _ in range(n)]


def test_system_instructions() -> None:
    a, b, base, owner = keys(4)
    assert parsed(transfer(TransferParams(from_pubkey=a, to_pubkey=b, lamports=5))) == {
        "program": "system", "programId": SYSTEM, "stackHeight": None,
        "parsed": {"type": "transfer", "info": {"source": str(a), "destination": str(b),
                                                "lamports": 5}}}
    seeded = create_account_with_seed(CreateAccountWithSeedParams(
        from_pubkey=a, to_pubkey=b, base=base, seed="vote", lamports=9, space=3, owner=owner))
    assert parsed(seeded)["parsed"] == {"type": "createAccountWithSeed", "info": {
        "source": str(a), "newAccount": str(b), "base": str(base), "seed": "vote",
        "lamports": 9, "space": 3, "owner": str(owner)}}


def test_token_instructions() -> None:
    source, mint, dest, owner, signer1, signer2 = keys(6)
    checked = spl.transfer_checked(spl.TransferCheckedParams(
        program_id=TOKEN_PROGRAM_ID, source=source, mint=mint, dest=dest, owner=owner,
        amount=1_500_000, decimals=6))
    assert parsed(checked) == {
        "program": "spl-token", "programId": str(TOKEN_PROGRAM_ID), "stackHeight": None,
        "parsed": {"type": "transferChecked", "info": {
            "source": str(source), "mint": str(mint), "destination": str(dest),
            "authority": str(owner), "tokenAmount": {
                "amount": "1500000", "decimals": 6, "uiAmount": 1.5, "uiAmountString": "1.5"}}}}
    multisig = spl.transfer(spl.TransferParams(
        program_id=TOKEN_PROGRAM_ID, source=source, dest=dest, owner=owner, amount=7,
        signers=[signer1, signer2]))
    assert parsed(multisig)["parsed"] == {"type": "transfer", "info": {
        "source": str(source), "destination": str(dest), "amount": "7",
        "multisigAuthority": str(owner), "signers": [str(signer1), str(signer2)]}}
    authority = spl.set_authority(spl.SetAuthorityParams(
        program_id=TOKEN_PROGRAM_ID, account=mint, authority=spl.AuthorityType.MINT_TOKENS,
        current_authority=owner, new_authority=None))
    assert parsed(authority)["parsed"] == {"type": "setAuthority", "info": {
        "mint": str(mint), "authorityType": "mintTokens", "newAuthority": None,
        "authority": str(owner)}}


def test_token_2022_pointer_extensions() -> None:
    mint, authority, metadata, signer = keys(4)
    init = Instruction(TOKEN_2022_PROGRAM_ID, bytes([39, 0]) + bytes(authority) + bytes(metadata),
                       [AccountMeta(mint, True, False)])
    assert parsed(init) == {
        "program": "spl-token", "programId": str(TOKEN_2022_PROGRAM_ID), "stackHeight": None,
        "parsed": {"type": "initializeMetadataPointer", "info": {
            "mint": str(mint), "authority": str(authority), "metadataAddress": str(metadata)}}}
    no_group = Instruction(TOKEN_2022_PROGRAM_ID, bytes([40, 0]) + bytes(64),
                           [AccountMeta(mint, True, False)])
    assert parsed(no_group)["parsed"] == {"type": "initializeGroupPointer",
                                          "info": {"mint": str(mint)}}
    update = Instruction(TOKEN_2022_PROGRAM_ID, bytes([41, 1]) + bytes(metadata), [
        AccountMeta(mint, True, False), AccountMeta(authority, False, False),
        AccountMeta(signer, False, True)])
    assert parsed(update)["parsed"] == {"type": "updateGroupMemberPointer", "info": {
        "mint": str(mint), "memberAddress": str(metadata), "multisigAuthority": str(authority),
        "signers": [str(signer)]}}


def test_loader_and_lookup_table_instructions() -> None:
    payer, program, buffer, authority, spill = keys(5)
    programdata = loader_v3.programdata_address(program)
    assert parsed(loader_v3.write(buffer, authority, 16, b"\x01\x02"))["parsed"] == {
        "type": "write", "info": {"offset": 16, "bytes": "AQI=", "account": str(buffer),
                                  "authority": str(authority)}}
    deploy = loader_v3.deploy_with_max_data_len(payer, program, buffer, authority, 4096)
    assert parsed(deploy)["parsed"] == {"type": "deployWithMaxDataLen", "info": {
        "maxDataLen": 4096, "payerAccount": str(payer), "programDataAccount": str(programdata),
        "programAccount": str(program), "bufferAccount": str(buffer), "rentSysvar": str(RENT),
        "clockSysvar": str(CLOCK), "systemProgram": SYSTEM, "authority": str(authority)}}
    assert parsed(loader_v3.upgrade(program, buffer, authority, spill))["parsed"]["type"] == \
        "upgrade"
    immutable = loader_v3.set_upgrade_authority(program, authority, None)
    assert parsed(immutable)["parsed"] == {"type": "setAuthority", "info": {
        "account": str(programdata), "authority": str(authority), "newAuthority": None}}
    v2_write = Instruction(BPF_LOADER, bytes([0, 0, 0, 0, 8, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0,
                                              9, 9]), [AccountMeta(buffer, True, True)])
    assert parsed(v2_write)["parsed"] == {"type": "write", "info": {
        "offset": 8, "bytes": "CQk=", "account": str(buffer)}}

    create, table = create_lookup_table(CreateLookupTableParams(
        authority_address=authority, payer_address=payer, recent_slot=42))
    assert parsed(create)["parsed"]["info"] == {
        "lookupTableAccount": str(table), "lookupTableAuthority": str(authority),
        "payerAccount": str(payer), "systemProgram": SYSTEM, "recentSlot": 42,
        "bumpSeed": parsed(create)["parsed"]["info"]["bumpSeed"]}
    extend = extend_lookup_table(ExtendLookupTableParams(
        lookup_table_address=table, authority_address=authority, payer_address=payer,
        new_addresses=[spill]))
    assert parsed(extend)["parsed"] == {"type": "extendLookupTable", "info": {
        "lookupTableAccount": str(table), "lookupTableAuthority": str(authority),
        "payerAccount": str(payer), "systemProgram": SYSTEM, "newAddresses": [str(spill)]}}


def test_unparsed_instructions_are_partially_decoded() -> None:
    program, account = keys(2)
    other = Instruction(program, b"\x01\x02", [AccountMeta(account, False, False)])
    assert parsed(other, 2) == {"programId": str(program), "accounts": [str(account)],
                                "data": "5T", "stackHeight": 2}
    # Agave has no compute-budget parser either; a truncated system instruction is not one.
    budget = parsed(set_compute_unit_limit(200_000))
    assert set(budget) == {"programId", "accounts", "data", "stackHeight"}
    broken = Instruction(Pubkey.from_string(SYSTEM), b"\x02\x00\x00\x00\x01", [])
    assert "parsed" not in parsed(broken)
    assert parsed(Instruction(MEMO, "héllo".encode(), []))["parsed"] == "héllo"


async def test_transaction_with_inner_instructions(cluster: TestCluster, client: AsyncClient,
                                                   funded: Keypair, rpc: Rpc) -> None:
    mint = await cluster.create_mint(decimals=6, payer=funded)
    owner = Keypair().pubkey()
    create = spl.create_associated_token_account(funded.pubkey(), owner, mint)
    sent = await cluster.send([create, Instruction(MEMO, b"ata", [])], payer=funded)
    got = await rpc("getTransaction", str(sent.signature), {
        "encoding": "jsonParsed", "maxSupportedTransactionVersion": 0})
    message = got["transaction"]["message"]
    ata = str(spl.get_associated_token_address(owner, mint))
    assert message["instructions"][0] == {
        "program": "spl-associated-token-account",
        "programId": "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL", "stackHeight": None,
        "parsed": {"type": "create", "info": {
            "source": str(funded.pubkey()), "account": ata, "wallet": str(owner),
            "mint": str(mint), "systemProgram": SYSTEM, "tokenProgram": str(TOKEN_PROGRAM_ID)}}}
    assert message["instructions"][1]["parsed"] == "ata"
    meta = got["meta"]
    assert "loadedAddresses" not in meta
    (group,) = meta["innerInstructions"]
    assert group["index"] == 0
    inner = group["instructions"]
    assert all("parsed" in ix and ix["stackHeight"] == 2 for ix in inner), inner
    types = [ix["parsed"]["type"] for ix in inner]
    assert types[-1] == "initializeAccount3" and "initializeImmutableOwner" in types
    assert inner[-1]["parsed"]["info"] == {"account": ata, "mint": str(mint),
                                           "owner": str(owner)}
    # solana-py's typed decoder takes the parsed form as it is.
    typed = (await client.get_transaction(sent.signature, "jsonParsed",
                                          max_supported_transaction_version=0)).value
    assert typed is not None and typed.transaction.meta is not None
    assert len(typed.transaction.meta.inner_instructions or []) == 1
