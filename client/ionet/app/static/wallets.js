// Wallets through the Wallet Standard's window-event protocol: the page announces itself
// with `wallet-standard:app-ready`, wallets register through `wallet-standard:register-wallet`
// (either may come first). No wallet-specific code: a wallet is usable when it has
// `standard:connect` and `solana:signTransaction` or `solana:signAndSendTransaction`.

const registered = new Set();
const listeners = new Set();

const api = Object.freeze({
  register(...wallets) {
    for (const wallet of wallets) registered.add(wallet);
    listeners.forEach((listener) => listener());
    return () => {
      for (const wallet of wallets) registered.delete(wallet);
      listeners.forEach((listener) => listener());
    };
  },
});

window.addEventListener("wallet-standard:register-wallet", (event) => event.detail(api));
window.dispatchEvent(new CustomEvent("wallet-standard:app-ready", { detail: api }));

export function usableWallets() {
  return [...registered].filter((w) => w.features["standard:connect"] &&
    (w.features["solana:signTransaction"] || w.features["solana:signAndSendTransaction"]));
}

export function onWalletsChanged(listener) {
  listeners.add(listener);
}

export async function connect(wallet) {
  const { accounts } = await wallet.features["standard:connect"].connect();
  const account = accounts.find((a) => a.features.some((f) => f.startsWith("solana:")))
    || accounts[0];
  if (!account) throw new Error(`${wallet.name} gave no account`);
  return account;
}

export function toBase64(bytes) {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

export function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export function toBase58(bytes) {
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let text = "";
  while (value > 0n) {
    text = ALPHABET[Number(value % 58n)] + text;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    text = "1" + text;
  }
  return text;
}

// Signs `transaction` (bytes) with the wallet. Returns {signed} (bytes, for the app to
// send) with solana:signTransaction, else {signature} (base58) when the wallet sent it.
export async function sign(wallet, account, transaction, chain) {
  const signer = wallet.features["solana:signTransaction"];
  if (signer) {
    const [output] = await signer.signTransaction({ account, transaction, chain });
    return { signed: output.signedTransaction };
  }
  const sender = wallet.features["solana:signAndSendTransaction"];
  const [output] = await sender.signAndSendTransaction({ account, transaction, chain });
  return { signature: toBase58(output.signature) };
}
