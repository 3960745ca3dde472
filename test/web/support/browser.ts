/**
 * What every browser test file shares: one `wrangler dev` (fresh state, an API key) and one
 * Debian Chromium for the whole file, axe-core injected from its own source, screenshots under
 * out/web-test/. Ports: WEB_TEST_PORT (default 8783) plus the file's offset, so the files can run
 * side by side (node --test runs files in parallel) and checkouts on one machine stay apart.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startDevServer, type DevServer } from "../../../scripts/lib/dev-server.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const noBrowser = existsSync(CHROMIUM) ? false : `no ${CHROMIUM} (apt-get install chromium)`;
export const OUT = "out/web-test";

export type Session = {
  server: DevServer;
  browser: Browser;
  /** Everything wrangler dev wrote to stderr so far (the Worker's warnings, e.g. a local mail). */
  stderr: () => string;
};

/** `vars`: extra Worker variables, e.g. a provider pointed at a fake upstream. */
export async function startSession(portOffset: number, vars?: Record<string, string>): Promise<Session> {
  const base = Number(process.env.WEB_TEST_PORT) || 8783;
  let stderr = "";
  const server = await startDevServer({
    onStderr: (text) => {
      stderr += text;
    },
    port: base + portOffset,
    // Our own inspector port too: wrangler's default (9229) collides between parallel files.
    inspectorPort: String(base + 5 + portOffset),
    ...(vars ? { vars } : {}),
  });
  const browser = await launchChromium();
  await mkdir(OUT, { recursive: true });
  return { server, browser, stderr: () => stderr };
}

/** Debian's Chromium, headless, without the calls home this network refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without these Chromium keeps trying to reach Google's hosts, which this network refuses.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function stopSession(session: Session | undefined): Promise<void> {
  await session?.browser.close();
  await session?.server.stop();
}

/**
 * A fresh context (own storage) with its page; errors and CSP violations collected in `errors`.
 * `theme`/`language` are stored before the app loads, as the settings page would.
 */
export async function openApp(
  session: Session,
  options: {
    key?: string;
    theme?: "dark" | "light";
    language?: "en" | "ja";
    width?: number;
    height?: number;
  } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await session.browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    acceptDownloads: true,
  });
  const language = options.language ?? "en";
  const theme = options.theme ?? "dark";
  const key = options.key;
  // A string evaluated in the page before its scripts (this file is type-checked without the DOM).
  await context.addInitScript(
    // Only when unset: a reload keeps what the person chose in the page.
    `if (!localStorage.getItem("tsumugi.language")) localStorage.setItem("tsumugi.language", ${JSON.stringify(language)});` +
      `if (!localStorage.getItem("tsumugi.theme")) localStorage.setItem("tsumugi.theme", ${JSON.stringify(theme)});` +
      (key ? `sessionStorage.setItem("tsumugi.apiKey", ${JSON.stringify(key)});` : ""),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    // A refused request (401, 404) is the app's to handle and show; the browser logs it anyway.
    if (/^Failed to load resource/.test(msg.text())) return;
    if (msg.type() === "error" || /Content Security Policy|Refused to/i.test(msg.text()))
      errors.push(msg.text());
  });
  return { context, page, errors };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now. The page's CSP forbids inline
 * scripts, so axe's source is added through the DevTools protocol (addScriptTag would be refused).
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))
  `);
}

export function screenshotPath(name: string): string {
  return join(OUT, `${name}.png`);
}
