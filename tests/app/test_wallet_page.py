"""The staking page in a real headless Chromium (Debian's ``chromium``, driven by
Playwright, never a downloaded browser). A test wallet registers itself through the Wallet
Standard's window events and signs with a keypair, in Python, through a function exposed
to the page. The test connects, co-stakes, sees the position, requests the unstake and
reads the error of an over-cap co-stake; every step is checked on chain too. A failing
test leaves a screenshot in ``target/app-screenshots/``."""

from __future__ import annotations

import base64
import json
import re
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from app_world import AppWorld, wallet_sign
from escrow_harness import IO
from playwright.async_api import BrowserContext, Page, async_playwright
from solders.keypair import Keypair

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "target" / "app-screenshots"
CHROMIUM = "/usr/bin/chromium"
# Without these the closed network makes Chromium slow (update checks, sync, first run).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# A Wallet Standard wallet as an extension would inject it: it announces itself with
# `wallet-standard:register-wallet` and answers `wallet-standard:app-ready`; its one
# signing feature (solana:signTransaction, or solana:signAndSendTransaction) hands the
# bytes to Python (window.ionetTestSign), which signs with the keypair (and sends).
TEST_WALLET = """
(() => {
  const address = ADDRESS;
  const publicKey = new Uint8Array(PUBLIC_KEY);
  const chains = ["solana:localnet", "solana:devnet", "solana:testnet", "solana:mainnet"];
  const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const account = Object.freeze({ address, publicKey, chains, features: [FEATURE] });
  const wallet = {
    version: "1.0.0", name: "Test Wallet", chains, accounts: [],
    icon: "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=",
    features: {
      "standard:connect": { version: "1.0.0", connect: async () => {
        wallet.accounts = [account];
        return { accounts: wallet.accounts };
      } },
      [FEATURE]: {
        version: "1.0.0", supportedTransactionVersions: ["legacy", 0],
        [METHOD]: (...inputs) => Promise.all(inputs.map(async (input) => {
          if (input.account.address !== address) throw new Error("not this wallet's account");
          const answer = await window.ionetTestSign(toBase64(input.transaction), input.chain);
          return { [OUTPUT]: fromBase64(answer) };
        })),
      },
    },
  };
  const callback = ({ register }) => register(wallet);
  window.dispatchEvent(new CustomEvent("wallet-standard:register-wallet", { detail: callback }));
  window.addEventListener("wallet-standard:app-ready", ({ detail }) => callback(detail));
})();
"""


SIGN = ("solana:signTransaction", "signTransaction", "signedTransaction")
SIGN_AND_SEND = ("solana:signAndSendTransaction", "signAndSendTransaction", "signature")


@asynccontextmanager
async def browser_with_wallet(keypair: Keypair, chains: list[str],
                              sign: Callable[[str, str], Awaitable[str]],
                              feature: tuple[str, str, str] = SIGN
                              ) -> AsyncIterator[BrowserContext]:
    """Chromium with the test wallet of ``keypair``; ``sign(transaction, chain)`` answers
    its signing feature (base64 in, base64 out)."""
    name, method, output = feature
    script = TEST_WALLET.replace("ADDRESS", json.dumps(str(keypair.pubkey()))) \
        .replace("PUBLIC_KEY", json.dumps(list(bytes(keypair.pubkey())))) \
        .replace("FEATURE", json.dumps(name)).replace("METHOD", json.dumps(method)) \
        .replace("OUTPUT", json.dumps(output))

    with tempfile.TemporaryDirectory(prefix="ionet-chromium-") as profile:
        async with async_playwright() as playwright:
            context = await playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                context.set_default_timeout(15_000)
                await context.add_init_script(script)
                await context.expose_function("ionetTestSign", sign)
                yield context
            finally:
                await context.close()


@asynccontextmanager
async def screenshot_on_failure(page: Page, name: str) -> AsyncIterator[None]:
    try:
        yield
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        raise


async def test_a_wallet_co_stakes_sees_its_position_unstakes_and_reads_the_cap_error(
        world: AppWorld) -> None:
    staking = world.staking
    _, node = await staking.owner_with_node(400 * IO)  # room for 400 more co-stake
    staker = await staking.wallet(2_000 * IO)
    chains: list[str] = []

    async def sign(transaction: str, chain: str) -> str:
        chains.append(chain)
        return base64.b64encode(bytes(wallet_sign(transaction, staker))).decode()

    async with browser_with_wallet(staker, chains, sign) as context:
        page = await context.new_page()
        async with screenshot_on_failure(page, "wallet-page"):
            await page.goto(f"{world.url}/")
            row = page.locator(f'tr[data-node="{node}"]')
            await row.locator(".costake-room").filter(has_text="400").wait_for()

            await page.click("#connect")
            await page.locator("#account").filter(has_text=str(staker.pubkey())).wait_for()

            # Co-stake 120.5 from the node's page.
            await row.locator(f'a[href="/nodes/{node}"]').click()
            await page.fill("#costake-amount", "120.5")
            await page.click("#costake-button")
            done = page.locator("#status .ok")
            await done.wait_for()
            signature = await done.locator(".signature").inner_text()
            assert re.fullmatch(r"[1-9A-HJ-NP-Za-km-z]{64,88}", signature)
            link = await done.locator("a.explorer").get_attribute("href")
            assert link is not None and signature in link and "cluster=custom" in link
            assert chains == ["solana:localnet"]
            position = await staking.position(node, staker)
            assert position.active_shares > 0
            assert await staking.tokens(staker) == 2_000 * IO - 120_500_000
            await page.locator("svg.chart polyline.stake").wait_for()

            # The position, then the unstake, from "My positions".
            await page.click('header a[href="/positions"]')
            mine = page.locator(f'tr[data-position-node="{node}"]')
            await mine.locator("td.active").filter(has_text="120.5").wait_for()
            await mine.locator("button.unstake").click()
            await page.locator("#status .ok").filter(has_text="Unstake all").wait_for()
            after = await staking.position(node, staker)
            assert after.leaving_shares == after.active_shares == position.active_shares
            await mine.locator("td.leaving").filter(has_text="120.5").wait_for()
            countdown = await mine.locator(".countdown").first.inner_text()
            assert re.fullmatch(r"7d|6d 23h", countdown), countdown

            # Over the co-stake cap: the error's message, and nothing signed.
            await mine.locator(f'a[href="/nodes/{node}"]').click()
            await page.fill("#costake-amount", "1000")
            await page.click("#costake-button")
            error = page.locator("#status .error .message")
            await error.wait_for()
            assert f"node {node} has room for" in await error.inner_text()
            assert len(chains) == 2


async def test_a_wallet_that_sends_itself_co_stakes(world: AppWorld) -> None:
    """A wallet with solana:signAndSendTransaction only: it signs and sends, the page
    shows the signature it got back."""
    staking = world.staking
    _, node = await staking.owner_with_node(400 * IO)
    staker = await staking.wallet(100 * IO)
    chains: list[str] = []
    sent: list[str] = []

    async def sign_and_send(transaction: str, chain: str) -> str:
        chains.append(chain)
        result = await staking.cluster.send_signed(wallet_sign(transaction, staker))
        sent.append(str(result.signature))
        return base64.b64encode(bytes(result.signature)).decode()

    async with browser_with_wallet(staker, chains, sign_and_send, SIGN_AND_SEND) as context:
        page = await context.new_page()
        async with screenshot_on_failure(page, "wallet-page-sign-and-send"):
            await page.goto(f"{world.url}/nodes/{node}")
            await page.click("#connect")
            await page.locator("#account").filter(has_text=str(staker.pubkey())).wait_for()
            await page.fill("#costake-amount", "25")
            await page.click("#costake-button")
            shown = await page.locator("#status .ok .signature").inner_text()
            assert [shown] == sent and chains == ["solana:localnet"]
            assert await staking.tokens(staker) == 75 * IO
