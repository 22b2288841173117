// @solana/web3.js 1.x and @solana/spl-token 0.4 against `ionet localnet`.
// Usage: node web3js_smoke.mjs HTTP_URL WS_URL   (prints DONE on success)
import assert from "node:assert/strict";
import * as web3 from "@solana/web3.js";
import * as spl from "@solana/spl-token";

const [url, wsEndpoint] = process.argv.slice(2);
const conn = new web3.Connection(url, { commitment: "confirmed", wsEndpoint });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const transfer = (from, to, lamports) =>
  web3.SystemProgram.transfer({ fromPubkey: from.publicKey, toPubkey: to, lamports });

assert.match((await conn.getVersion())["solana-core"], /^2\./);
assert.ok((await conn.getSlot()) > 0);
assert.ok((await conn.getEpochInfo()).slotsInEpoch > 0);
assert.ok((await conn.getGenesisHash()).length > 30);

const payer = web3.Keypair.generate();
const airdrop = await conn.requestAirdrop(payer.publicKey, 10 * web3.LAMPORTS_PER_SOL);
const latest = await conn.getLatestBlockhash();
assert.equal((await conn.confirmTransaction({ signature: airdrop, ...latest })).value.err, null);
assert.equal(await conn.getBalance(payer.publicKey), 10 * web3.LAMPORTS_PER_SOL);

// Legacy transaction, confirmed through signatureSubscribe.
const to = web3.Keypair.generate().publicKey;
const sig = await web3.sendAndConfirmTransaction(
  conn, new web3.Transaction().add(transfer(payer, to, 1_000_000)), [payer]);
assert.equal(await conn.getBalance(to), 1_000_000);
const got = await conn.getTransaction(sig, { maxSupportedTransactionVersion: 0 });
assert.equal(got.meta.fee, 5000);
const parsedTx = await conn.getParsedTransaction(sig, { maxSupportedTransactionVersion: 0 });
assert.equal(parsedTx.transaction.message.accountKeys.length, 3);

// SPL Token through spl-token's helpers (associated token account included).
const mint = await spl.createMint(conn, payer, payer.publicKey, null, 6);
const ata = await spl.getOrCreateAssociatedTokenAccount(conn, payer, mint, payer.publicKey);
await spl.mintTo(conn, payer, mint, ata.address, payer, 5_000_000);
assert.equal((await conn.getTokenAccountBalance(ata.address)).value.uiAmountString, "5");
assert.equal((await conn.getTokenSupply(mint)).value.amount, "5000000");
assert.equal((await spl.getAccount(conn, ata.address)).amount, 5_000_000n);
const owned = await conn.getParsedTokenAccountsByOwner(payer.publicKey, { mint });
assert.equal(owned.value[0].account.data.parsed.info.tokenAmount.amount, "5000000");
const gpa = await conn.getProgramAccounts(spl.TOKEN_PROGRAM_ID, {
  filters: [{ dataSize: 165 }, { memcmp: { offset: 32, bytes: payer.publicKey.toBase58() } }],
});
assert.equal(gpa.length, 1);

// Address lookup table and a v0 transaction.
const [createIx, table] = web3.AddressLookupTableProgram.createLookupTable({
  authority: payer.publicKey, payer: payer.publicKey, recentSlot: await conn.getSlot(),
});
const recipients = [1, 2, 3].map(() => web3.Keypair.generate().publicKey);
const extendIx = web3.AddressLookupTableProgram.extendLookupTable({
  lookupTable: table, authority: payer.publicKey, payer: payer.publicKey, addresses: recipients,
});
await web3.sendAndConfirmTransaction(conn, new web3.Transaction().add(createIx, extendIx), [payer]);
await sleep(500); // addresses are usable from the next slot
const lut = (await conn.getAddressLookupTable(table)).value;
assert.equal(lut.state.addresses.length, 3);
const { blockhash, lastValidBlockHeight } = await conn.getLatestBlockhash();
const message = new web3.TransactionMessage({
  payerKey: payer.publicKey, recentBlockhash: blockhash,
  instructions: recipients.map((r) => transfer(payer, r, 2_000_000)),
}).compileToV0Message([lut]);
const vtx = new web3.VersionedTransaction(message);
vtx.sign([payer]);
const vsig = await conn.sendTransaction(vtx);
assert.equal((await conn.confirmTransaction({ signature: vsig, blockhash, lastValidBlockHeight })).value.err, null);
for (const r of recipients) assert.equal(await conn.getBalance(r), 2_000_000);
assert.equal((await conn.simulateTransaction(vtx)).value.unitsConsumed, 450);
assert.equal((await conn.getFeeForMessage(message)).value, 5000);
assert.equal((await conn.isBlockhashValid(blockhash)).value, true);

// Subscriptions.
const seen = { account: 0, logs: 0 };
const accountSub = conn.onAccountChange(to, (info) => { seen.account = info.lamports; });
const logsSub = conn.onLogs(payer.publicKey, () => { seen.logs += 1; });
await sleep(300);
await web3.sendAndConfirmTransaction(conn, new web3.Transaction().add(transfer(payer, to, 5)), [payer]);
await sleep(500);
await conn.removeAccountChangeListener(accountSub);
await conn.removeOnLogsListener(logsSub);
assert.equal(seen.account, 1_000_005);
assert.ok(seen.logs >= 1);
assert.equal((await conn.getSignaturesForAddress(to)).length, 2);

// A failing transaction: preflight error with logs.
await assert.rejects(
  web3.sendAndConfirmTransaction(
    conn, new web3.Transaction().add(transfer(payer, to, 10n ** 17n)), [payer]),
  (e) => e instanceof web3.SendTransactionError && e.logs.length === 3,
);
console.log("DONE");
process.exit(0);
