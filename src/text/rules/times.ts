import { belowHundred, integerToWords } from "../numbers/cardinal.js";
import { NOT_AFTER_WORD } from "./fragments.js";
import type { Rule } from "./rule.js";

// "AM"/"PM" as capitals, for the G2P to spell as letters (misaki's lexicon has "pm" spelled, but
// "AM" is the verb "am"; the G2P must spell it after a number — see the report).
function meridiem(letter: string): string {
  return letter.toLowerCase() === "a" ? "AM" : "PM";
}

function minutes(m: number): string {
  return m < 10 ? `oh ${belowHundred(m)}` : belowHundred(m);
}

/** " pm", "a.m.", "PM" with its letter captured in the group `name`. */
function ampm(name: string): string {
  return String.raw`(?:\s?(?<${name}>[AaPp])\.?[Mm]\.?(?![\p{L}\p{N}]))`;
}

/** A clock time in words: 9:00 → "nine o'clock" (or "nine" before AM/PM), 15:00 → "fifteen hundred". */
function sayClock(h: number, m: number, withMeridiem: boolean): string {
  if (m !== 0) return `${h === 0 ? "zero" : belowHundred(h)} ${minutes(m)}`;
  if (withMeridiem) return belowHundred(h);
  return h === 0 ? "zero hundred" : h <= 12 ? `${belowHundred(h)} o'clock` : `${belowHundred(h)} hundred`;
}

const unit = (n: number, one: string): string => `${belowHundred(n)} ${n === 1 ? one : `${one}s`}`;

/** 1:05:09 → "one hour, five minutes and nine seconds" (parts that are zero are left out). */
function sayDuration(h: number, m: number, s: number): string {
  const parts = [h > 0 ? unit(h, "hour") : "", m > 0 ? unit(m, "minute") : "", s > 0 ? unit(s, "second") : ""].filter((p) => p !== "");
  if (parts.length === 0) return "zero seconds";
  const last = parts.pop()!;
  return parts.length === 0 ? last : `${parts.join(", ")} and ${last}`;
}

// Words after which h:mm:ss is a moment, not a length of time.
const AT_WORDS = /(?:^|\s)(?:at|by|until|till|til|from|since|before|after|around|about)\s+$/iu;

/** 12:34 → "twelve thirty-four", 3:05 pm → "three oh five PM", 15:00 → "fifteen hundred", 9:00 → "nine o'clock". */
export const clockRule: Rule = {
  name: "clock",
  pattern: String.raw`${NOT_AFTER_WORD}(?<![\d:.])(?<clockh>[01]?\d|2[0-4]):(?<clockm>[0-5]\d)(?::(?<clocks>[0-5]\d))?${ampm("clockap")}?(?![\d:]|\.\d)`,
  render: (g, ctx) => {
    const h = Number(g["clockh"]);
    const m = Number(g["clockm"]);
    const s = g["clocks"] === undefined ? 0 : Number(g["clocks"]);
    const ap = g["clockap"];
    // h:mm:ss without AM/PM and not after "at": a length of time (a race, a video).
    if (g["clocks"] !== undefined && ap === undefined && !AT_WORDS.test(ctx.input.slice(Math.max(0, ctx.start - 12), ctx.start))) return sayDuration(h, m, s);
    let words = sayClock(h, m, ap !== undefined);
    if (s > 0) words += ` and ${unit(s, "second")}`;
    return ap === undefined ? words : `${words} ${meridiem(ap)}`;
  },
};

const HOUR = "(?:[01]?\\d|2[0-4])";
/** One end of a time range: 9, 9am, 9:30, 9:30 a.m. (the letter of AM/PM in `name`). */
const rangeEnd = (p: string): string => String.raw`(?<${p}h>${HOUR})(?::(?<${p}m>[0-5]\d))?${ampm(`${p}ap`)}?`;

const AP = String.raw`\s?[AaPp]\.?[Mm]`;
// One end with AM/PM, or both with minutes.
const TIME_RANGE_CUE = String.raw`${HOUR}(?::\d\d)?(?:${AP}\.?)?\s?[-–—]\s?${HOUR}(?::\d\d)?${AP}|${HOUR}(?::\d\d)?${AP}|${HOUR}:\d\d\s?[-–—]\s?${HOUR}:\d\d`;

/**
 * 9am-5pm, 9–11 a.m., 8 a.m.–5 p.m., 9:30–17:00 → "nine AM to five PM", "nine to eleven AM".
 * Read as times only when one end has AM/PM or both have minutes; otherwise it is left to the number range.
 */
export const timeRangeRule: Rule = {
  name: "trange",
  // The lookahead keeps plain number ranges ("5-10 km") out: a rule that declines loses what follows its match.
  pattern: String.raw`${NOT_AFTER_WORD}(?<![\d:.,])(?=${TIME_RANGE_CUE})${rangeEnd("trangea")}\s?[-–—]\s?${rangeEnd("trangeb")}(?![\d:]|\.\d)`,
  render: (g) => {
    const apA = g["trangeaap"];
    const apB = g["trangebap"];
    if (apA === undefined && apB === undefined && (g["trangeam"] === undefined || g["trangebm"] === undefined)) return null;
    const hA = Number(g["trangeah"]);
    const hB = Number(g["trangebh"]);
    if (apA !== undefined || apB !== undefined ? hA > 12 || hB > 12 || hA === 0 || hB === 0 : false) return null;
    const a = sayClock(hA, Number(g["trangeam"] ?? 0), apA !== undefined || apB !== undefined);
    const b = sayClock(hB, Number(g["trangebm"] ?? 0), apA !== undefined || apB !== undefined);
    return `${a}${apA === undefined ? "" : ` ${meridiem(apA)}`} to ${b}${apB === undefined ? "" : ` ${meridiem(apB)}`}`;
  },
};

/** 2.30pm, 10.45 a.m. (the British dotted time) → "two thirty PM". Only with AM/PM: "2.30" alone is a number. */
export const dottedClockRule: Rule = {
  name: "dclock",
  pattern: String.raw`${NOT_AFTER_WORD}(?<![\d:.,])(?<dclockh>1[0-2]|0?[1-9])\.(?<dclockm>[0-5]\d)${ampm("dclockap")}`,
  render: (g) => `${sayClock(Number(g["dclockh"]), Number(g["dclockm"]), true)} ${meridiem(g["dclockap"]!)}`,
};

/** 3pm, 11 a.m. → "three PM", "eleven AM". */
export const meridiemRule: Rule = {
  name: "ampm",
  pattern: String.raw`${NOT_AFTER_WORD}(?<![\d:.,])(?<ampmh>1[0-2]|0?[1-9])${ampm("ampmap")}`,
  render: (g) => `${integerToWords(g["ampmh"]!)} ${meridiem(g["ampmap"]!)}`,
};

/** 3:1 → "three to one" (a ratio: one digit after the colon). */
export const ratioRule: Rule = {
  name: "ratio",
  pattern: String.raw`${NOT_AFTER_WORD}(?<ratioa>\d+):(?<ratiob>\d)(?![\d:])`,
  render: (g) => `${integerToWords(g["ratioa"]!)} to ${integerToWords(g["ratiob"]!)}`,
};
