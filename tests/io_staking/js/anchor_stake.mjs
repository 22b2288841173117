// Sends io_staking's `stake` with @coral-xyz/anchor's methods builder, naming only the
// owner (the signer), the node and the amount: every other account must be resolved from
// the 0.30 IDL we ship (PDAs, has_one relations, fixed addresses).
//
// The IDL is loaded the way Anchor's TypeScript tests load it, with
// `require("target/idl/io_staking.json")`, run from the workspace root with NODE_PATH=.
//
// usage: node anchor_stake.mjs RPC_URL WS_URL PROGRAM_ID OWNER_KEYPAIR_JSON NODE AMOUNT
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import anchor from "@coral-xyz/anchor";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";

const require = createRequire(import.meta.url);
const [url, wsUrl, programId, keyPath, node, amount] = process.argv.slice(2);
const idl = { ...require("target/idl/io_staking.json") };
idl.address = programId; // each test deploys its own copy of the program
const owner = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(keyPath, "utf8"))));
const provider = new anchor.AnchorProvider(
  new Connection(url, { commitment: "confirmed", wsEndpoint: wsUrl }), new anchor.Wallet(owner), { commitment: "confirmed" });
const program = new anchor.Program(idl, provider);

const builder = program.methods
  .stake(new anchor.BN(amount))
  .accounts({ owner: owner.publicKey, node: new PublicKey(node) });
const resolved = await builder.pubkeys();
for (const [name, key] of Object.entries(resolved)) console.log(`${name} ${key.toBase58()}`);
const signature = await builder.rpc();
console.log(`signature ${signature}`);
console.log("DONE");
