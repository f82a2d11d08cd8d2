// Headless Chromium for end-to-end tests of the playground: Debian's /usr/bin/chromium driven by
// playwright-core (no browser download). CI installs chromium; where it is missing the tests skip.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No sandbox: containers and CI runners often lack the user namespaces it needs. Autoplay: the
    // AudioContext starts from a click anyway; this only removes a source of flakiness.
    args: ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
  });
}
