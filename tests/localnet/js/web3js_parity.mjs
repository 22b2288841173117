// @solana/web3.js 1.x: the methods solana-test-validator answers and we now do too. web3.js
// checks every answer against its own schema (superstruct), so a wrong shape throws.
// Usage: node web3js_parity.mjs HTTP_URL WS_URL   (prints DONE on success)
import assert from "node:assert/strict";
import * as web3 from "@solana/web3.js";
import * as spl from "@solana/spl-token";

const [url, wsEndpoint] = process.argv.slice(2);
const conn = new web3.Connection(url, { commitment: "confirmed", wsEndpoint });

const payer = web3.Keypair.generate();
const airdrop = await conn.requestAirdrop(payer.publicKey, 10 * web3.LAMPORTS_PER_SOL);
await conn.confirmTransaction({ signature: airdrop, ...(await conn.getLatestBlockhash()) });

// A transaction with inner instructions: an associated token account, with a priority fee.
const mint = await spl.createMint(conn, payer, payer.publicKey, null, 6);
const owner = web3.Keypair.generate().publicKey;
const ata = spl.getAssociatedTokenAddressSync(mint, owner);
const sig = await web3.sendAndConfirmTransaction(conn, new web3.Transaction().add(
  web3.ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 3000 }),
  spl.createAssociatedTokenAccountInstruction(payer.publicKey, ata, owner, mint),
), [payer]);
const parsed = await conn.getParsedTransaction(sig, { maxSupportedTransactionVersion: 0 });
const create = parsed.transaction.message.instructions[1];
assert.equal(create.program, "spl-associated-token-account");
assert.equal(create.parsed.type, "create");
assert.equal(create.parsed.info.account, ata.toBase58());
assert.ok("data" in parsed.transaction.message.instructions[0]); // compute budget: not parsed
const inner = parsed.meta.innerInstructions[0].instructions;
assert.equal(inner.at(-1).parsed.type, "initializeAccount3");
assert.ok(inner.every((ix) => ix.program && ix.stackHeight === 2));

// Blocks.
const slot = parsed.slot;
const block = await conn.getBlock(slot, { maxSupportedTransactionVersion: 0 });
assert.ok(block.transactions.some((t) => t.transaction.signatures[0] === sig));
assert.equal(block.blockTime, parsed.blockTime);
const parsedBlock = await conn.getParsedBlock(slot, { maxSupportedTransactionVersion: 0 });
assert.ok(parsedBlock.transactions.some((t) => t.transaction.signatures[0] === sig));
const none = await conn.getBlock(slot, { transactionDetails: "none", rewards: false });
assert.equal(none.blockhash, block.blockhash);
const accountsOnly = await conn.getBlock(slot, {
  transactionDetails: "accounts", maxSupportedTransactionVersion: 0 });
assert.ok(accountsOnly.transactions.length >= 1);
assert.equal(await conn.getBlockTime(slot), block.blockTime);
assert.ok((await conn.getBlocks(slot - 5, slot)).includes(slot));
assert.ok((await conn.getBlockSignatures(slot)).signatures.includes(sig));
const production = await conn.getBlockProduction();
const identity = (await conn.getSlotLeader());
assert.ok(production.value.byIdentity[identity][1] >= 1);
const schedule = await conn.getLeaderSchedule();
assert.ok(schedule[identity].length > 0);
assert.deepEqual(await conn.getSlotLeaders(slot, 2), [new web3.PublicKey(identity),
                                                      new web3.PublicKey(identity)]);
const fees = await conn.getRecentPrioritizationFees({ lockedWritableAccounts: [ata] });
assert.equal(fees.find((f) => f.slot === slot).prioritizationFee, 3000);
const samples = await conn.getRecentPerformanceSamples(2);
assert.equal(samples[0].samplePeriodSecs, 60);
assert.ok(samples[0].numTransactions >= 1);

// The cluster.
const supply = await conn.getSupply();
assert.equal(supply.value.total, supply.value.circulating);
const largest = await conn.getLargestAccounts();
assert.ok(largest.value.length >= 4);
const votes = await conn.getVoteAccounts();
assert.equal(votes.current[0].nodePubkey, identity);
assert.ok(votes.current[0].activatedStake > 0);
const nodes = await conn.getClusterNodes();
assert.equal(nodes[0].rpc, new URL(url).host);
assert.equal((await conn.getInflationGovernor()).initial, 0);
assert.equal((await conn.getInflationRate()).total, 0);
assert.ok((await conn.getStakeMinimumDelegation()).value >= 1);
assert.equal(await conn.getFirstAvailableBlock(), 0);
assert.equal(await conn.getMinimumLedgerSlot(), 0);
console.log("DONE");
process.exit(0);
