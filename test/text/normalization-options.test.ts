import { describe, expect, it } from "vitest";
import { normalizeToString } from "../../src/text/normalize.js";
import { NORMALIZATION_CLASSES, type NormalizationClass } from "../../src/text/normalization-options.js";

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

  it("markdown off reads paragraphs as plain text, code included", () => {
    const text = "# Title\n\n```\nx = 1\n```\n\nEnd.";
    expect(read(text)).not.toContain("x");
    expect(read(text, "markdown")).toMatch(/x/);
    expect(read(text, "markdown")).toMatch(/Title/);
  });
});
