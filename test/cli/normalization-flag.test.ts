import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/errors.js";
import { normalizationFlag, noNormalizeOption, switchesAnything } from "../../src/cli/normalization-flag.js";

/** What commander hands an action for these arguments, with the option as the commands add it. */
function parsed(args: string[]): string | boolean | undefined {
  let seen: { normalize?: string | boolean } = {};
  const program = new Command().exitOverride();
  program.command("x").addOption(noNormalizeOption()).action((flags: { normalize?: string | boolean }) => {
    seen = flags;
  });
  program.parse(["node", "kokoro", "x", ...args]);
  return seen.normalize;
}

describe("--no-normalize", () => {
  it("switches the listed classes off, the API's names (- for _ too), and nothing when absent", () => {
    expect(normalizationFlag(parsed([]))).toEqual({});
    expect(switchesAnything(normalizationFlag(parsed([])))).toBe(false);
    expect(normalizationFlag(parsed(["--no-normalize", "urls,emails"]))).toEqual({ urls: false, emails: false });
    expect(normalizationFlag(parsed(["--no-normalize", " Phone-Numbers , markdown,"]))).toEqual({ phone_numbers: false, markdown: false });
    expect(normalizationFlag("units,symbols")).toEqual({ units: false, symbols: false });
  });

  it("refuses an unknown class or an empty list with a sentence naming the flag and the classes", () => {
    expect(() => normalizationFlag("urls,numbers")).toThrow(CliError);
    expect(() => normalizationFlag("urls,numbers")).toThrow("--no-normalize: unknown class 'numbers'; use urls, emails, units, phone_numbers, markdown, symbols (comma-separated)");
    expect(() => normalizationFlag(" , ")).toThrow(/--no-normalize needs a list of classes: urls, emails/);
    expect(() => parsed(["--no-normalize"])).toThrow(/argument missing/);
  });
});
