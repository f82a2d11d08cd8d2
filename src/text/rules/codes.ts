import { belowHundred, digitsToWords, integerToWords } from "../numbers/cardinal.js";
import { NOT_AFTER_WORD } from "./fragments.js";
import type { MatchContext, Rule } from "./rule.js";

/** Numbers after these words are codes read digit by digit: "PIN 0492" → "zero four nine two". */
const DIGIT_CUES = [
  "code", "codes", "pin", "passcode", "password", "otp", "zip", "postcode", "ext", "extension", "account", "acct", "serial",
  "order", "ticket", "confirmation", "reference", "ref", "invoice", "tracking", "policy", "member", "card", "id", "sku",
];
/** Numbers after these words are labels read in pairs: "flight 4417" → "forty-four seventeen", "room 214" → "two fourteen". */
const PAIR_CUES = ["flight", "room", "rm", "gate", "suite", "ste", "apartment", "apt", "bus", "route", "platform", "train", "terminal", "unit", "box"];

const cases = (w: string): string[] => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()];
// The cue in any of its three cases, then at most a linking word ("code is", "room number", "PIN:"), right before the number.
const CUE_SOURCE = String.raw`(?<![\p{L}])(${[...DIGIT_CUES, ...PAIR_CUES].flatMap(cases).join("|")})\.?(?:\s(?:is|was|number|no\.|num|#))?\s?[:#]?\s?`;
const CUE = new RegExp(`${CUE_SOURCE}$`, "u");

/** How a number after a cue word is read, or null where no cue precedes it. */
export function codeCue(ctx: MatchContext): "digits" | "pairs" | null {
  const cue = CUE.exec(ctx.input.slice(Math.max(0, ctx.start - 32), ctx.start))?.[1]?.toLowerCase();
  if (cue === undefined) return null;
  return PAIR_CUES.includes(cue) ? "pairs" : "digits";
}

/** A label as people say it: 214 → "two fourteen", 305 → "three oh five", 4417 → "forty-four seventeen", 1400 → "fourteen hundred". */
export function sayInPairs(digits: string): string {
  if (digits.length <= 2 || digits.startsWith("0") || digits.length > 4) return digits.length <= 2 && !digits.startsWith("0") ? integerToWords(digits) : digitsToWords(digits);
  const head = digits.slice(0, digits.length - 2);
  const tail = Number(digits.slice(-2));
  const headWords = integerToWords(head);
  if (tail === 0) return `${headWords} hundred`;
  return `${headWords} ${tail < 10 ? `oh ${belowHundred(tail)}` : belowHundred(tail)}`;
}

/** One group of a code: digits digit by digit, capitals left for the G2P to spell, "A12" → "A one two". */
function sayCodeGroup(group: string): string {
  return (group.match(/\d+|\p{Lu}+/gu) ?? []).map((run) => (/^\d/.test(run) ? digitsToWords(run) : run)).join(" ");
}

/**
 * Capitals and digits joined by hyphens (AB-4471-22, SN-88231, A12-3345): a code when it has two digit groups, a
 * run of five digits or more, or a cue word before it; one short digit group is a model's number ("F-16", "AK-47",
 * "COVID-19": null, read by the other rules).
 */
function sayAlphanumericCode(code: string, ctx: MatchContext): string | null {
  const groups = code.split("-");
  const digitGroups = groups.filter((x) => /\d/.test(x));
  if (!groups.some((x) => /\p{Lu}/u.test(x)) || digitGroups.length === 0) return null;
  if (digitGroups.length >= 2 || /\d{5}/.test(code)) return groups.map(sayCodeGroup).join(", ");
  const cue = codeCue(ctx);
  if (cue === null) return null;
  // "Flight UA-2211" → "U A twenty-two eleven", "Ticket AB-1234" → "A B one two three four".
  return groups.map((x) => (/^\d+$/.test(x) && cue === "pairs" ? sayInPairs(x) : sayCodeGroup(x))).join(" ");
}

/** DOI 10.1000/182 → "ten point one zero zero zero slash one eight two": a registrant's number, then its item's name. */
function sayDoi(doi: string): string {
  const slash = doi.indexOf("/");
  const suffix = (doi.slice(slash + 1).match(/\d+|\p{L}+|[./:;()-]/gu) ?? []).map((part) =>
    /^\d/.test(part) ? digitsToWords(part) : (SUFFIX_MARKS[part] ?? part),
  );
  return `ten point ${digitsToWords(doi.slice(3, slash))} slash ${suffix.join(" ")}`;
}
const SUFFIX_MARKS: Readonly<Record<string, string>> = { ".": "dot", "/": "slash", ":": "colon", "-": "dash", ";": "semicolon", "(": "", ")": "" };

/**
 * Digit groups that are codes, not quantities: a number after a cue word ("code 4821", "room 1402", "Apt 4B"),
 * three or more digit groups joined by hyphens (ISBNs, serials, part numbers: 978-3-16-148410-0), capitals and
 * digits joined by hyphens (sayAlphanumericCode) and DOIs, each group read digit by digit with a pause between groups.
 */
export const codeRule: Rule = {
  name: "code",
  // The cue is looked for only at a digit (the lookahead first), and its lookbehind spans a few words at most.
  pattern:
    String.raw`(?<![\p{L}\p{N}.])(?<codedoi>10\.\d{4,9}\/[-./:;()\p{L}\p{N}]*[\p{L}\p{N}])` +
    String.raw`|(?<![\p{L}\p{N}-])(?<codealnum>(?=[\d-]*\p{Lu})(?=[\p{Lu}-]*\d)[\p{Lu}\d]+(?:-[\p{Lu}\d]+)+)(?![\p{L}\p{N}]|-[\p{L}\p{N}])` +
    String.raw`|${NOT_AFTER_WORD}(?<codegroups>\d+(?:-\d+){2,})(?![\p{L}\p{N}]|[-.,]\d)|(?=\d)(?<=${CUE_SOURCE})(?<codenum>\d+)(?<codeletter>\p{Lu})?(?![\p{L}\p{N}]|[-–.,/:]\d)`,
  render: (g, ctx) => {
    if (g["codedoi"] !== undefined) return sayDoi(g["codedoi"]);
    if (g["codealnum"] !== undefined) return sayAlphanumericCode(g["codealnum"], ctx);
    const groups = g["codegroups"];
    if (groups !== undefined) return groups.split("-").map(digitsToWords).join(", ");
    const cue = codeCue(ctx);
    const said = cue === "digits" ? digitsToWords(g["codenum"]!) : sayInPairs(g["codenum"]!);
    // A letter after the number is part of the label, said as a letter ("Apt 4B", "gate 12C"), never a unit.
    return g["codeletter"] === undefined ? said : `${said} ${g["codeletter"]}`;
  },
};
