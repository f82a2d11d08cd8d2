import { numberToWords } from "../numbers/cardinal.js";
import { escapeRegex, NOT_AFTER_WORD, NUM, RANGE_SEP } from "./fragments.js";
import type { Rule } from "./rule.js";

/** Symbol → [singular, plural]. US spellings; en-gb gets "metre"/"litre". */
const UNITS: Readonly<Record<string, readonly [string, string]>> = {
  // length
  mm: ["millimeter", "millimeters"], cm: ["centimeter", "centimeters"], m: ["meter", "meters"], km: ["kilometer", "kilometers"],
  "µm": ["micrometer", "micrometers"], nm: ["nanometer", "nanometers"],
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
  // speed and rates
  mph: ["mile per hour", "miles per hour"], "km/h": ["kilometer per hour", "kilometers per hour"], kph: ["kilometer per hour", "kilometers per hour"],
  "m/s": ["meter per second", "meters per second"], fps: ["frame per second", "frames per second"], rpm: ["RPM", "RPM"],
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
const GLUED_ONLY = new Set(["in", "s", "h", "t", "l", "A", "V", "W", "B", "x", "×", "min", "mi", "yr", "pt", "cal"]);

const byLength = (a: string, b: string): number => b.length - a.length;
const spaced = Object.keys(UNITS).filter((u) => !GLUED_ONLY.has(u)).sort(byLength).map(escapeRegex).join("|");
const all = Object.keys(UNITS).sort(byLength).map(escapeRegex).join("|");
// After the unit: no letter or digit, and for "/" units no more path ("km/h" but not "m/sec/x").
const UNIT_END = String.raw`(?![\p{L}\p{N}²³]|\/\p{L})`;

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
    String.raw`(?:(?<unitglued>${all})|\s?(?<unitspaced>°[CF]?|℃|℉)|\s(?<unitsep>${spaced}))${UNIT_END}`,
  render: (g, ctx) => {
    const lang = ctx.lang;
    const symbol = g["unitglued"] ?? g["unitspaced"] ?? g["unitsep"]!;
    const a = g["unita"]!;
    const b = g["unitb"];
    const sign = g["unitsign"] !== undefined ? "minus " : "";
    const last = b ?? a;
    const plural = !(last === "1" && sign === "");
    const aWords = sign + numberToWords(a, { lang });
    const number = b === undefined ? aWords : `${aWords} to ${numberToWords(b, { lang })}`;
    return `${number} ${unitWord(symbol, plural, lang)}`;
  },
};

/** 5'11" → "five feet eleven inches", 6′ 2″ */
export const feetInchesRule: Rule = {
  name: "feetinches",
  pattern: String.raw`${NOT_AFTER_WORD}(?<feetinchesf>\d{1,2})['′’]\s?(?<feetinchesi>\d{1,2}(?:\.\d+)?)(?:["″”]|'')`,
  render: (g, ctx) => {
    const feet = g["feetinchesf"]!;
    const inches = g["feetinchesi"]!;
    const lang = ctx.lang;
    return `${numberToWords(feet, { lang })} ${feet === "1" ? "foot" : "feet"} ${numberToWords(inches, { lang })} ${inches === "1" ? "inch" : "inches"}`;
  },
};
