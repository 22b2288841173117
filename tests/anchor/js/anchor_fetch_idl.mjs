// Reads a program's on-chain IDL with @coral-xyz/anchor: `Program.fetchIdl`, then
// `Program.at`, which builds a client from it; prints both as JSON lines.
//
// usage: node anchor_fetch_idl.mjs RPC_URL PROGRAM_ID
import anchor from "@coral-xyz/anchor";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";

const [url, programId] = process.argv.slice(2);
const provider = new anchor.AnchorProvider(
  new Connection(url, "confirmed"), new anchor.Wallet(Keypair.generate()), { commitment: "confirmed" });
const idl = await anchor.Program.fetchIdl(new PublicKey(programId), provider);
console.log(JSON.stringify(idl));
const program = await anchor.Program.at(new PublicKey(programId), provider);
console.log(JSON.stringify({
  programId: program.programId.toBase58(),
  instructions: Object.keys(program.methods),
  accounts: Object.keys(program.account),
}));
