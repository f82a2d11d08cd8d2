import type { Rule } from "./rule.js";

/**
 * All-caps words said as words. Unknown all-caps words are left for the G2P to spell ("FBI");
 * these are written as the word so that a G2P spelling capitals says them whole.
 */
const ACRONYMS: Readonly<Record<string, string>> = {
  NASA: "Nasa", NATO: "Nato", UNESCO: "Unesco", UNICEF: "Unicef", OPEC: "Opec", FIFA: "Fifa", NAFTA: "Nafta",
  SCUBA: "scuba", LASER: "laser", RADAR: "radar", SONAR: "sonar", AIDS: "Aids", COVID: "Covid", ASAP: "asap",
  GIF: "gif", JPEG: "jpeg", PIN: "pin", RAM: "ram", ROM: "rom", LAN: "lan", WAN: "wan", GUI: "gooey", ASCII: "ascii",
  NASDAQ: "Nasdaq", IKEA: "Ikea", LEGO: "Lego", FEMA: "Fema", OSHA: "Osha", SWAT: "swat", POTUS: "Potus", WASP: "wasp",
  JSON: "jason", YAML: "yaml", SQL: "sequel", SIM: "sim", CAPTCHA: "captcha", EMOJI: "emoji",
};
/** All-caps words that are also ordinary words when lowercased: spell them ("US" is not "us"). */
const SPELLED: Readonly<Record<string, string>> = { US: "U S", IT: "I T", AM: "A M", OR: "O R" };

/** NASA, U.S.A., J. R. R., US (when the text around it is not shouting) */
export const initialismRule: Rule = {
  name: "initialism",
  pattern: String.raw`(?<![\p{L}.])(?<initialismone>\p{Lu})\.(?=\s+\p{Lu})|(?<![\p{L}.])(?<initialismdots>(?:\p{Lu}\.){2,})(?!\p{L})|\b(?<initialismword>\p{Lu}{2,})(?<initialismplural>s)?\b`,
  render: (g, ctx) => {
    // An initial before a name: "J. R. R. Tolkien" → "J R R Tolkien" (its period is not a stop).
    if (g["initialismone"] !== undefined) return g["initialismone"];
    const dotted = g["initialismdots"];
    if (dotted !== undefined) return dotted.replace(/\./g, " ").trim();
    const word = g["initialismword"]!;
    const plural = g["initialismplural"] ?? "";
    const acronym = ACRONYMS[word];
    if (acronym !== undefined) return acronym + plural;
    const spelled = SPELLED[word];
    if (spelled === undefined || plural !== "") return null;
    // In shouted text ("TELL US NOW") the word is the ordinary word.
    const around = ctx.input.slice(Math.max(0, ctx.start - 12), ctx.end + 12).replace(/[^\p{L}]/gu, "");
    const caps = around.replace(/\P{Lu}/gu, "").length;
    return caps >= around.length - 1 && around.length > word.length + 3 ? null : spelled;
  },
};
