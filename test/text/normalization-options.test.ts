import { describe, expect, it } from "vitest";
import { normalizeText, normalizeToString } from "../../src/text/normalize.js";
import { NORMALIZATION_CLASSES, type NormalizationClass } from "../../src/text/normalization-options.js";
import { HOSTILE_SHAPES } from "./hostile-shapes.js";
import { describeGrowth, growth } from "./shape-timing.js";

/** One sentence of each class, each switched by exactly one class. */
const SAMPLES: Readonly<Record<NormalizationClass, string>> = {
  urls: "See https://example.com/docs now.",
  emails: "Write to jane@example.org today.",
  units: "It weighs 5 kg in all.",
  phone_numbers: "Call 555-123-4567 now.",
  markdown: "Read [the guide](https://example.com/guide) first.",
  symbols: "Salt & pepper.",
};

const read = (text: string, off?: NormalizationClass): string =>
  normalizeToString(text, { lang: "en-us", ...(off === undefined ? {} : { normalization: { [off]: false } }) });

describe("normalization switches", () => {
  it("change their own class", () => {
    for (const c of NORMALIZATION_CLASSES) expect(read(SAMPLES[c], c), c).not.toBe(read(SAMPLES[c]));
    expect(read(SAMPLES.units, "units")).toContain("5 kg");
    expect(read(SAMPLES.units)).toContain("kilograms");
    expect(read(SAMPLES.markdown)).toBe("Read the guide first.");
    expect(read(SAMPLES.phone_numbers, "phone_numbers")).toContain("555-123-4567");
  });

  it("change nothing of the other classes", () => {
    for (const off of NORMALIZATION_CLASSES) {
      for (const c of NORMALIZATION_CLASSES) {
        if (c === off) continue;
        // A URL or an email without its own rule may fall to symbols and the other web rules: those pairs share text.
        expect(read(SAMPLES[c], off), `${off} off, ${c}`).toBe(read(SAMPLES[c]));
      }
    }
  });

  it("all on is the default reading", () => {
    const text = Object.values(SAMPLES).join(" ");
    const allOn = Object.fromEntries(NORMALIZATION_CLASSES.map((c) => [c, true]));
    expect(normalizeToString(text, { lang: "en-us", normalization: allOn })).toBe(read(text));
  });

  describe("urls off keeps every address exactly as written, for the G2P to read", () => {
    const table: [input: string, on: string, off: string][] = [
      ["Visit https://example.com/docs/page.html for more.", "Visit example dot com slash docs slash page dot html for more.", "Visit https://example.com/docs/page.html for more."],
      ["See www.example.org/a/b?x=1&y=2 now.", "See example dot org slash a slash b question mark x equals one and y equals two now.", "See www.example.org/a/b?x=1&y=2 now."],
      ["Go to example.com/km/h today.", "Go to example dot com slash km slash h today.", "Go to example.com/km/h today."],
      ["Open /usr/local/bin/kokoro now.", "Open slash usr slash local slash bin slash kokoro now.", "Open /usr/local/bin/kokoro now."],
      ["Edit config.yaml first.", "Edit config dot yaml first.", "Edit config.yaml first."],
      ["See https://example.com/5/10, then stop.", "See example dot com slash five slash ten, then stop.", "See https://example.com/5/10, then stop."],
      // Only the address: the rest of the sentence is read as always, emails (their own class) and pronunciations too.
      ["Pay $5 at https://shop.example.com/~me_now or jane@example.org.", "Pay five dollars at shop dot example dot com slash tilde me underscore now or jane at example dot org.", "Pay five dollars at https://shop.example.com/~me_now or jane at example dot org."],
      ["Say [Kokoro](/kˈOkəɹO/) at example.com/a and [it](/ɪt/).", "Say [Kokoro](/kˈOkəɹO/) at example dot com slash a and [it](/ɪt/).", "Say [Kokoro](/kˈOkəɹO/) at example.com/a and [it](/ɪt/)."],
      // A Markdown link is read as its text whichever way: its target is never spoken.
      ["Read [the guide](https://example.com/guide) first.", "Read the guide first.", "Read the guide first."],
    ];
    it.each(table)("%s", (input, on, off) => {
      expect(read(input)).toBe(on);
      expect(read(input, "urls")).toBe(off);
    });

    // Finding the addresses is one more pass over each sentence: linear too (20k vs 40k characters, or 40k vs 80k).
    it.each(["URLs in a row", "long URL", "domain dots a.a.a.", "email-like a@a.a@", "path /a/b/c", "many slashes a/b/c"])("stays linear: %s", async (name) => {
      const shape = HOSTILE_SHAPES[name]!;
      const g = await growth((text: string) => normalizeText(text, { lang: "en-us", normalization: { urls: false } }), shape(20_000), shape(40_000), { next: shape(80_000) });
      expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
    });
  });

  it("markdown off reads paragraphs as plain text, code included", () => {
    const text = "# Title\n\n```\nx = 1\n```\n\nEnd.";
    expect(read(text)).not.toContain("x");
    expect(read(text, "markdown")).toMatch(/x/);
    expect(read(text, "markdown")).toMatch(/Title/);
  });
});
