/**
 * Headless Chromium for the workspace's browser tests and figure snapshots: Debian's `chromium`
 * driven by playwright-core (never a browser download). The flags keep a root, offline machine
 * quiet: no sandbox (root), no GPU, no first-run, no background networking, component updates or
 * sync; playwright gives every launch a fresh profile folder.
 *
 * @example
 * ```ts
 * import { launchChromium } from "./browser.ts";
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * await page.goto("file:///tmp/index.html");
 * await browser.close();
 * ```
 * @module
 */
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium executable. */
const CHROMIUM_PATH = "/usr/bin/chromium";

/** The Debian package that provides {@link CHROMIUM_PATH}. */
const CHROMIUM_PACKAGE = "chromium";

/** Command-line flags for a headless Chromium on a server. */
const CHROMIUM_FLAGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** Raised when Chromium is not installed; the message says how to install it. */
export class ChromiumMissingError extends Error {
  /** Names the `path` where Chromium was looked for and says how to install it. */
  constructor(path: string) {
    super(
      `Chromium not found at ${path}: run \`deno task setup\` as root, or ` +
        `\`sudo apt-get install -y ${CHROMIUM_PACKAGE}\``,
    );
    this.name = "ChromiumMissingError";
  }
}

/** The Chromium executable (`CHROMIUM_BIN` overrides), or null when it is not installed. */
function findChromium(): string | null {
  const path = Deno.env.get("CHROMIUM_BIN") || CHROMIUM_PATH;
  try {
    return Deno.statSync(path).isFile ? path : null;
  } catch {
    return null;
  }
}

/** Launches headless Chromium; throws {@link ChromiumMissingError} when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === null) {
    throw new ChromiumMissingError(Deno.env.get("CHROMIUM_BIN") || CHROMIUM_PATH);
  }
  return await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
}
