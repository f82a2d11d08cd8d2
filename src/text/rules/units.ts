import { numberToWords } from "../numbers/cardinal.js";
import { codeCue } from "./codes.js";
import { escapeRegex, NOT_AFTER_WORD, NUM, RANGE_SEP } from "./fragments.js";
import { nextWord, previousWord, type MatchContext, type Rule } from "./rule.js";

/** Symbol → [singular, plural]. US spellings; en-gb gets "metre"/"litre". */
const UNITS: Readonly<Record<string, readonly [string, string]>> = {
  // length
  mm: ["millimeter", "millimeters"], cm: ["centimeter", "centimeters"], m: ["meter", "meters"], km: ["kilometer", "kilometers"],
  "µm": ["micrometer", "micrometers"], nm: ["nanometer", "nanometers"], kms: ["kilometers", "kilometers"],
  in: ["inch", "inches"], ft: ["foot", "feet"], yd: ["yard", "yards"], mi: ["mile", "miles"],
  // area and volume
  "m²": ["square meter", "square meters"], "km²": ["square kilometer", "square kilometers"], "cm²": ["square centimeter", "square centimeters"],
  "ft²": ["square foot", "square feet"], "sq ft": ["square foot", "square feet"], "m³": ["cubic meter", "cubic meters"],
  ml: ["milliliter", "milliliters"], mL: ["milliliter", "milliliters"], cl: ["centiliter", "centiliters"], l: ["liter", "liters"], L: ["liter", "liters"],
  gal: ["gallon", "gallons"], "fl oz": ["fluid ounce", "fluid ounces"],
  // mass
  mg: ["milligram", "milligrams"], g: ["gram", "grams"], kg: ["kilogram", "kilograms"], t: ["tonne", "tonnes"],
  lb: ["pound", "pounds"], lbs: ["pounds", "pounds"], oz: ["ounce", "ounces"],
  // time
  ns: ["nanosecond", "nanoseconds"], "µs": ["microsecond", "microseconds"], ms: ["millisecond", "milliseconds"],
  s: ["second", "seconds"], sec: ["second", "seconds"], secs: ["seconds", "seconds"], min: ["minute", "minutes"], mins: ["minutes", "minutes"],
  h: ["hour", "hours"], hr: ["hour", "hours"], hrs: ["hours", "hours"], yr: ["year", "years"], yrs: ["years", "years"],
  // speed and rates (km/h, m/s and the like are a unit per a unit: UNIT_TAIL)
  mph: ["mile per hour", "miles per hour"], kph: ["kilometer per hour", "kilometers per hour"],
  fps: ["frame per second", "frames per second"], rpm: ["RPM", "RPM"],
  // temperature
  "°C": ["degree Celsius", "degrees Celsius"], "°F": ["degree Fahrenheit", "degrees Fahrenheit"], "°": ["degree", "degrees"],
  "℃": ["degree Celsius", "degrees Celsius"], "℉": ["degree Fahrenheit", "degrees Fahrenheit"],
  // data
  B: ["byte", "bytes"], KB: ["kilobyte", "kilobytes"], kB: ["kilobyte", "kilobytes"], MB: ["megabyte", "megabytes"],
  GB: ["gigabyte", "gigabytes"], TB: ["terabyte", "terabytes"], PB: ["petabyte", "petabytes"],
  KiB: ["kibibyte", "kibibytes"], MiB: ["mebibyte", "mebibytes"], GiB: ["gibibyte", "gibibytes"], TiB: ["tebibyte", "tebibytes"],
  kb: ["kilobit", "kilobits"], Kb: ["kilobit", "kilobits"], Mb: ["megabit", "megabits"], Gb: ["gigabit", "gigabits"],
  kbps: ["kilobit per second", "kilobits per second"], Kbps: ["kilobit per second", "kilobits per second"],
  Mbps: ["megabit per second", "megabits per second"], Gbps: ["gigabit per second", "gigabits per second"],
  // electricity, frequency, energy
  Hz: ["hertz", "hertz"], kHz: ["kilohertz", "kilohertz"], MHz: ["megahertz", "megahertz"], GHz: ["gigahertz", "gigahertz"],
  W: ["watt", "watts"], kW: ["kilowatt", "kilowatts"], MW: ["megawatt", "megawatts"], GW: ["gigawatt", "gigawatts"],
  Wh: ["watt hour", "watt hours"], kWh: ["kilowatt hour", "kilowatt hours"], V: ["volt", "volts"], mV: ["millivolt", "millivolts"],
  A: ["amp", "amps"], mA: ["milliamp", "milliamps"], mAh: ["milliamp hour", "milliamp hours"],
  cal: ["calorie", "calories"], kcal: ["kilocalorie", "kilocalories"], kJ: ["kilojoule", "kilojoules"], dB: ["decibel", "decibels"],
  // screens and type
  px: ["pixel", "pixels"], pt: ["point", "points"], dpi: ["DPI", "DPI"],
  // multiples
  x: ["times", "times"], "×": ["times", "times"],
};

// Units that are also words or letters ("5 in the box", "plan 5 A"): only read when written against the number.
const GLUED_ONLY = new Set(["in", "s", "h", "t", "l", "A", "V", "W", "B", "x", "×"]);
/** Units that take "square" and "cubic": lengths. */
const LENGTHS = new Set(["mm", "cm", "m", "km", "µm", "nm", "in", "ft", "yd", "mi"]);
/** Units after a slash that are not in the table: "$15/hr" uses the table, "30 mi/h" too; these are time words. */
const PER_WORDS: Readonly<Record<string, string>> = { hour: "hour", day: "day", week: "week", wk: "week", month: "month", mo: "month", year: "year", night: "night", person: "person", unit: "unit", item: "item" };

const byLength = (a: string, b: string): number => b.length - a.length;
const spaced = Object.keys(UNITS).filter((u) => !GLUED_ONLY.has(u)).sort(byLength).map(escapeRegex).join("|");
const all = Object.keys(UNITS).sort(byLength).map(escapeRegex).join("|");
const per = [...Object.keys(UNITS).filter((u) => /^\p{L}+$/u.test(u)), ...Object.keys(PER_WORDS)].sort(byLength).join("|");
// A power (m², cm3) and a unit per unit (mi/h, m/s², mg/kg), each optional.
const POWER = String.raw`(?:[²³]|[23](?![\d.,]\d))`;
const UNIT_TAIL = String.raw`(?<unitpow>${POWER})?(?:\/(?<unitper>${per})(?<unitperpow>${POWER})?)?`;
// After the unit: no letter or digit, and for "/" units no more path ("km/h" but not "m/sec/x").
// An abbreviation's period goes with it when the sentence goes on in lowercase ("5 min. later").
const UNIT_END = String.raw`(?![\p{L}\p{N}²³]|\/\p{L})(?:\.(?=\s+\p{Ll}))?`;

const POWER_WORDS: Readonly<Record<string, readonly [string, string]>> = { "2": ["square", "squared"], "²": ["square", "squared"], "3": ["cubic", "cubed"], "³": ["cubic", "cubed"] };

/** "per hour", "per second squared"; null when the unit after the slash is not one. */
function perWords(unit: string, power: string | undefined, lang: string): string | null {
  const word = PER_WORDS[unit] ?? (UNITS[unit] === undefined ? undefined : unitWord(unit, false, lang));
  if (word === undefined) return null;
  if (power === undefined) return `per ${word}`;
  const powerWord = POWER_WORDS[power]?.[1];
  return powerWord === undefined ? null : `per ${word} ${powerWord}`;
}

/** The unit said with its power and its "per": "square meters", "meters per second squared"; null when it is not a unit. */
function unitPhrase(g: Readonly<Record<string, string | undefined>>, symbol: string, plural: boolean, lang: string): string | null {
  const power = g["unitpow"];
  let words = unitWord(symbol, plural, lang);
  if (power !== undefined) {
    if (!LENGTHS.has(symbol)) return null;
    words = `${POWER_WORDS[power]![0]} ${words}`;
  }
  const perUnit = g["unitper"];
  if (perUnit === undefined) return words;
  const perPart = perWords(perUnit, g["unitperpow"], lang);
  return perPart === null ? null : `${words} ${perPart}`;
}

/** "a 5 km run", "a 4000 mAh cell": a number and unit before a noun describe it, and the unit stays singular. */
function modifiesNoun(ctx: MatchContext): boolean {
  return /^(?:a|an)$/iu.test(previousWord(ctx)) && /^\p{Ll}/u.test(nextWord(ctx));
}

/** "$15/hr", "$4/hour", "60 words/min": a rate after an amount. */
export const perRule: Rule = {
  name: "per",
  pattern: String.raw`(?<=\d[\p{L}%]{0,6}|\d\s\p{L}{1,8})\/(?<perunit>${per})(?<perpow>${POWER})?(?![\p{L}\p{N}\/])`,
  render: (g, ctx) => perWords(g["perunit"]!, g["perpow"], ctx.lang),
};

function unitWord(symbol: string, plural: boolean, lang: string): string {
  const [one, many] = UNITS[symbol] ?? [symbol, symbol];
  const word = plural ? many : one;
  return lang === "en-gb" ? word.replace(/meter/g, "metre").replace(/liter/g, "litre") : word;
}

/** 5 km, 3kg, 72°F, -5 °C, 10 mph, 5 GB, 100 ms, 5-10 km */
export const unitRule: Rule = {
  name: "unit",
  pattern:
    String.raw`${NOT_AFTER_WORD}(?<unitsign>[-−])?(?<unita>${NUM})(?:${RANGE_SEP}(?<unitb>${NUM}))?` +
    String.raw`(?:(?<unitglued>${all})${UNIT_TAIL}|\s?(?<unitspaced>°[CF]?|℃|℉)|\s(?<unitsep>${spaced})${UNIT_TAIL.replace(/<unit/g, "<unitsp")})${UNIT_END}`,
  render: (g, ctx) => {
    const lang = ctx.lang;
    const symbol = g["unitglued"] ?? g["unitspaced"] ?? g["unitsep"]!;
    // "Apt 4B", "room 12A": a letter glued to a label's number is part of the label (codes.ts), not bytes or amperes.
    if (g["unitglued"] !== undefined && /^\p{Lu}$/u.test(symbol) && codeCue(ctx) !== null) return null;
    const a = g["unita"]!;
    const b = g["unitb"];
    const sign = g["unitsign"] !== undefined ? "minus " : "";
    const last = b ?? a;
    // "one kilometer", "minus one degree", but "one point five kilometers" and "zero degrees".
    const plural = last !== "1" && !modifiesNoun(ctx);
    const aWords = sign + numberToWords(a, { lang });
    const number = b === undefined ? aWords : `${aWords} to ${numberToWords(b, { lang })}`;
    const tail = g["unitsep"] !== undefined ? { unitpow: g["unitsppow"], unitper: g["unitspper"], unitperpow: g["unitspperpow"] } : g;
    const phrase = unitPhrase(tail, symbol, plural, lang);
    return phrase === null ? null : `${number} ${phrase}`;
  },
};

/**
 * 5'11" → "five feet eleven inches", 6′ 2″, and 5 ft 11 in: after feet, "in" is inches even apart from its number
 * (elsewhere a spaced "in" is the preposition: GLUED_ONLY).
 */
export const feetInchesRule: Rule = {
  name: "feetinches",
  pattern:
    String.raw`${NOT_AFTER_WORD}(?<feetinchesf>\d{1,2})['′’]\s?(?<feetinchesi>\d{1,2}(?:\.\d+)?)(?:["″”]|'')` +
    String.raw`|${NOT_AFTER_WORD}(?<feetinchessf>\d{1,2})\s?ft\.?\s(?<feetinchessi>\d{1,2}(?:\.\d+)?)\s?in(?:\.(?=\s+\p{Ll}))?(?![\p{L}\p{N}])`,
  render: (g, ctx) => {
    const feet = g["feetinchesf"] ?? g["feetinchessf"]!;
    const inches = g["feetinchesi"] ?? g["feetinchessi"]!;
    const lang = ctx.lang;
    return `${numberToWords(feet, { lang })} ${feet === "1" ? "foot" : "feet"} ${numberToWords(inches, { lang })} ${inches === "1" ? "inch" : "inches"}`;
  },
};
