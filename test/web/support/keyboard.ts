/**
 * Keyboard-only helpers: Tab until the focused element is the one wanted (by its accessible text),
 * so a test proves it is reachable without a mouse, without counting Tab presses by hand.
 */
import type { Page } from "playwright-core";

export async function tabTo(page: Page, text: RegExp, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate<string>(
      `(() => { const e = document.activeElement; if (!e || e === document.body) return ""; const l = e.labels && e.labels[0]; return [e.getAttribute("aria-label"), l && l.textContent, e.textContent].filter(Boolean).join(" | "); })()`,
    );
    if (text.test(focused)) return;
  }
  throw new Error(`${text} is not reachable with Tab`);
}
