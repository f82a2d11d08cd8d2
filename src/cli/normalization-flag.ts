import { Option } from "commander";
import { NORMALIZATION_CLASSES, type NormalizationClass, type NormalizationSwitches } from "../text/normalization-options.js";
import { CliError } from "./errors.js";

const FLAG = "--no-normalize";
const CLASS_LIST = NORMALIZATION_CLASSES.join(", ");

/**
 * `--no-normalize <classes>` (`kokoro say`, `normalize`, `phonemize`): the normalizer classes to leave as written, the
 * same names as the API's `normalization` object (every class is on by default, so off is the only switch a command
 * line needs). Commander keeps it as `normalize`: true when absent, the list when given.
 */
export function noNormalizeOption(): Option {
  return new Option(`${FLAG} <classes>`, `normalizer classes to leave as written, comma-separated: ${CLASS_LIST}`);
}

/**
 * The `normalization` switches for the flag's value (`urls,emails` → {urls: false, emails: false}); `-` may stand
 * for `_` (phone-numbers). A CliError naming the flag for an empty list or an unknown class.
 */
export function normalizationFlag(value: string | boolean | undefined): NormalizationSwitches {
  if (value === undefined || value === true) return {};
  if (value === false) throw new CliError(`${FLAG} needs a list of classes: ${CLASS_LIST}`);
  const names = value.split(",").map((n) => n.trim().toLowerCase().replaceAll("-", "_"));
  if (names.every((n) => n === "")) throw new CliError(`${FLAG} needs a list of classes: ${CLASS_LIST}`);
  const switches: Partial<Record<NormalizationClass, boolean>> = {};
  for (const name of names) {
    if (name === "") continue;
    if (!(NORMALIZATION_CLASSES as readonly string[]).includes(name)) throw new CliError(`${FLAG}: unknown class '${name}'; use ${CLASS_LIST} (comma-separated)`);
    switches[name as NormalizationClass] = false;
  }
  return switches;
}

/** Whether the switches change anything (a request carries `normalization` only then). */
export function switchesAnything(switches: NormalizationSwitches): boolean {
  return Object.keys(switches).length > 0;
}
