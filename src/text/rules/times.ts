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

/** 12:34 → "twelve thirty-four", 3:05 pm → "three oh five PM", 15:00 → "fifteen hundred", 9:00 → "nine o'clock". */
export const clockRule: Rule = {
  name: "clock",
  pattern: String.raw`${NOT_AFTER_WORD}(?<![\d:.])(?<clockh>[01]?\d|2[0-4]):(?<clockm>[0-5]\d)(?::(?<clocks>[0-5]\d))?${ampm("clockap")}?(?![\d:]|\.\d)`,
  render: (g) => {
    const h = Number(g["clockh"]);
    const m = Number(g["clockm"]);
    const s = g["clocks"] === undefined ? 0 : Number(g["clocks"]);
    const ap = g["clockap"];
    let words: string;
    if (m === 0) words = ap !== undefined ? belowHundred(h) : h === 0 ? "zero hundred" : h <= 12 ? `${belowHundred(h)} o'clock` : `${belowHundred(h)} hundred`;
    else words = `${h === 0 ? "zero" : belowHundred(h)} ${minutes(m)}`;
    if (s > 0) words += ` and ${belowHundred(s)} ${s === 1 ? "second" : "seconds"}`;
    return ap === undefined ? words : `${words} ${meridiem(ap)}`;
  },
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
