// The staking page: nodes, one node (history chart, co-stake), my positions. Every write
// gets its transaction from the Actions POST endpoint, so the page and the Actions build
// the same transactions; the wallet signs it and the app sends it (one-line errors).
import { formatAmount, formatDuration, multiplier, percent } from "./amounts.js";
import { historyChart } from "./chart.js";
import { connect, fromBase64, onWalletsChanged, sign, toBase64, usableWallets } from "./wallets.js";

const state = { config: null, wallet: null, account: null, clock: null };
const $ = (selector) => document.querySelector(selector);

function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({ message: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
  return body;
}

function status(kind, ...content) {
  $("#status").replaceChildren(h("div", { class: kind }, ...content));
}

const amount = (units) => formatAmount(units, state.config.decimals);

// ---- writes: action POST → wallet signature → /api/send

async function act(name, subject, inputs = {}) {
  if (!state.account) {
    status("error", "Connect a wallet first.");
    return;
  }
  try {
    status("pending", "Building the transaction…");
    const query = new URLSearchParams(inputs).toString();
    const built = await api(`/api/actions/${name}/${subject}${query ? "?" + query : ""}`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ account: state.account.address }),
    });
    status("pending", `${built.message}: waiting for the wallet…`);
    const result = await sign(state.wallet, state.account, fromBase64(built.transaction),
                              state.config.walletChain);
    let signature = result.signature;
    if (result.signed) {
      status("pending", `${built.message}: sending…`);
      signature = (await api("/api/send", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ transaction: toBase64(result.signed) }),
      })).signature;
    }
    status("ok", `${built.message}. Signature `,
           h("span", { class: "signature mono" }, signature), " ",
           h("a", { class: "explorer", href: state.config.explorer.replace("SIGNATURE", signature),
                    target: "_blank", rel: "noopener" }, "explorer"));
    await route();
  } catch (error) {
    status("error", h("span", { class: "message" }, error.message || String(error)));
  }
}

// ---- views

function jail(node) {
  return node.jailed === true || node.jailed === "true"
    ? h("span", { class: "badge bad" }, `jailed ${formatDuration(BigInt(node.jailedUntil) - BigInt(state.clock))}`)
    : h("span", { class: "badge" }, "no");
}

function slashText(node) {
  if (!node.slashes.length) return BigInt(node.slashedTotal) > 0n ? amount(node.slashedTotal) : "none";
  return node.slashes.map((s) => `#${s.seq} ${s.offense} ${percent(s.bps)} ${s.status}`).join(", ");
}

function gpuClass(node) {
  return `${node.gpuCount} GPU${node.gpuCount === "1" ? "" : "s"} × ${multiplier(node.multiplierBps)}`;
}

async function nodesView() {
  const data = await api("/api/nodes");
  state.clock = data.now;
  const rows = data.nodes.map((n) => h("tr", { "data-node": n.address },
    h("td", { class: "mono" }, h("a", { href: `/nodes/${n.address}` }, n.address)),
    h("td", {}, gpuClass(n)),
    h("td", { class: "num" }, amount(n.activeStake)),
    h("td", { class: "num costake-room" }, n.costakeRoom === null ? "unlimited" : amount(n.costakeRoom)),
    h("td", { class: "num" }, percent(n.ownerRewardShareBps)),
    h("td", {}, h("span", { class: n.eligible ? "badge good" : "badge bad" }, n.eligible ? "yes" : "no")),
    h("td", {}, jail(n)),
    h("td", {}, slashText(n))));
  return [h("h2", {}, "Nodes"), h("table", { id: "nodes" },
    h("thead", {}, h("tr", {}, ["node", "GPU class", "stake", "co-stake room", "owner's share",
      "eligible", "jailed", "slashes"].map((t) => h("th", {}, t)))),
    h("tbody", {}, rows.length ? rows : [h("tr", {}, h("td", { colspan: 8 }, "No nodes."))]))];
}

async function nodeView(address) {
  const data = await api(`/api/nodes/${address}`);
  state.clock = data.now;
  const n = data.node;
  const input = h("input", { id: "costake-amount", inputmode: "decimal", placeholder: "amount",
                             pattern: "\\d+(\\.\\d+)?" });
  const facts = [
    ["Owner", n.owner], ["GPU class", gpuClass(n)], ["Active stake", amount(n.activeStake)],
    ["Unbonding", amount(n.unbondingStake)], ["Minimum", amount(n.minimumStake)],
    ["Co-stake", amount(n.costake)],
    ["Co-stake room", n.costakeRoom === null ? "unlimited" : amount(n.costakeRoom)],
    ["Owner's reward share", percent(n.ownerRewardShareBps)],
    ["Eligible", n.eligible ? "yes" : "no"], ["Jailed", jail(n)],
    ["Rewards claimed", amount(n.rewardsClaimed)], ["Slashed", amount(n.slashedTotal)],
    ["Slash proposals", slashText(n)],
  ];
  return [
    h("h2", {}, "Node ", h("span", { class: "mono" }, n.address)),
    h("table", { id: "node" }, facts.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v)))),
    h("div", { class: "form" }, input,
      h("button", { id: "costake-button", onclick: () => act("costake", n.address, { amount: input.value.trim() }) }, "Co-stake"),
      h("button", { id: "stake-button", onclick: () => act("stake", n.address, { amount: input.value.trim() }) }, "Stake (owner)")),
    h("h3", {}, "Stake and rewards over time"), historyChart(n.history, data.decimals),
  ];
}

function countdown(at) {
  if (at === null) return "-";
  return h("span", { class: "countdown", "data-at": at }, formatDuration(BigInt(at) - BigInt(state.clock)));
}

async function positionsView() {
  if (!state.account) return [h("h2", {}, "My positions"), h("p", {}, "Connect a wallet to see your positions.")];
  const data = await api(`/api/positions/${state.account.address}`);
  state.clock = data.now;
  const now = BigInt(data.now);
  const rows = data.positions.map((p) => h("tr", { "data-position-node": p.node },
    h("td", { class: "mono" }, h("a", { href: `/nodes/${p.node}` }, p.node)),
    h("td", {}, p.role),
    h("td", { class: "num active" }, amount(p.active)),
    h("td", { class: "num leaving" }, amount(p.leaving)), h("td", {}, countdown(p.leaveReadyAt)),
    h("td", { class: "num unbonding" }, amount(p.unbonding)), h("td", {}, countdown(p.unlockAt)),
    h("td", { class: "num claimable" }, amount(p.claimable)),
    h("td", {},
      BigInt(p.active) > 0n ? h("button", { class: "unstake", onclick: () => act("unstake", p.node, { amount: "all" }) }, "Unstake all") : null,
      BigInt(p.leaving) > 0n || BigInt(p.unbonding) > 0n ? h("button", { class: "cancel", onclick: () => act("cancel-unstake", p.node) }, "Cancel unstake") : null,
      p.leaveReadyAt !== null && BigInt(p.leaveReadyAt) <= now ? h("button", { class: "cooldown", onclick: () => act("start-cooldown", p.node) }, "Start cooldown") : null,
      p.unlockAt !== null && BigInt(p.unlockAt) <= now ? h("button", { class: "withdraw", onclick: () => act("withdraw", p.node) }, "Withdraw") : null,
      BigInt(p.claimable) > 0n ? h("button", { class: "claim", onclick: () => act("claim-rewards", p.node) }, "Claim") : null)));
  return [h("h2", {}, "My positions"), h("table", { id: "positions" },
    h("thead", {}, h("tr", {}, ["node", "role", "active", "leaving", "exit wait", "unbonding",
      "unlocks", "claimable", ""].map((t) => h("th", {}, t)))),
    h("tbody", {}, rows.length ? rows : [h("tr", {}, h("td", { colspan: 9 }, "No positions."))]))];
}

async function route() {
  const path = location.pathname;
  try {
    const view = path.startsWith("/nodes/") ? await nodeView(path.slice(7))
      : path === "/positions" ? await positionsView() : await nodesView();
    $("#view").replaceChildren(...view);
  } catch (error) {
    $("#view").replaceChildren(h("p", { class: "error message" }, error.message));
  }
}

// Links inside the page keep the connected wallet: no reload.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href^='/']");
  if (!link || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  history.pushState(null, "", link.getAttribute("href"));
  route();
});
window.addEventListener("popstate", route);

// Countdowns tick with the chain's clock, started from its last reading.
setInterval(() => {
  if (state.clock === null) return;
  state.clock = (BigInt(state.clock) + 1n).toString();
  for (const node of document.querySelectorAll(".countdown")) {
    node.textContent = formatDuration(BigInt(node.dataset.at) - BigInt(state.clock));
  }
}, 1000);

// ---- wallet

function showWallets() {
  const wallets = usableWallets();
  const choice = $("#wallet-choice");
  choice.replaceChildren(...wallets.map((w, i) => h("option", { value: i }, w.name)));
  choice.hidden = wallets.length < 2;
  const button = $("#connect");
  button.disabled = wallets.length === 0 || state.account !== null;
  if (!state.account) button.textContent = wallets.length ? "Connect wallet" : "No wallet found";
}

$("#connect").addEventListener("click", async () => {
  const wallet = usableWallets()[Number($("#wallet-choice").value || 0)];
  try {
    state.account = await connect(wallet);
    state.wallet = wallet;
    $("#account").textContent = state.account.address;
    $("#connect").textContent = `Connected: ${wallet.name}`;
    $("#connect").disabled = true;
    await route();
  } catch (error) {
    status("error", h("span", { class: "message" }, error.message || String(error)));
  }
});

onWalletsChanged(showWallets);
showWallets();

try {
  state.config = await api("/api/config");
  $("#cluster").textContent = `${state.config.cluster} · ${state.config.url}`;
  await route();
} catch (error) {
  $("#view").replaceChildren(h("p", { class: "error message" }, error.message));
}
