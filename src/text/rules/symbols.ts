import type { Rule } from "./rule.js";

/** Symbols said as words, and typography folded to the punctuation the model knows. */
export const symbolRule: Rule = {
  name: "symbol",
  pattern: [
    String.raw`(?<symbolhash>#)(?=\d)`,
    String.raw`(?<symboltag>#)(?=\p{L})`,
    String.raw`(?<symbolellipsis>\.{3,}|(?:\. ){2,}\.)`,
    String.raw`(?<symboldash>-{2,}|(?<=\s)[-–](?=\s)|–(?=\p{L}))`,
    String.raw`(?<symboltimes>(?<=\d\s?)[*×](?=\s?\d))`,
    String.raw`(?<symbolsign>[&+=@%~≈≠≤≥±÷×→←§°<>|\/\\*_^•·©®™†‡¶#\[\]{}«»‹›‘])`,
  ].join("|"),
  render: (g) => {
    if (g["symbolhash"] !== undefined) return "number";
    if (g["symboltag"] !== undefined) return "hashtag";
    if (g["symbolellipsis"] !== undefined) return "…";
    if (g["symboldash"] !== undefined) return " — ";
    if (g["symboltimes"] !== undefined) return "times";
    return SIGN_WORDS[g["symbolsign"]!] ?? " ";
  },
};

const SIGN_WORDS: Readonly<Record<string, string>> = {
  "&": "and", "+": "plus", "=": "equals", "@": "at", "%": "percent", "~": "about", "≈": "approximately",
  "≠": "is not equal to", "≤": "less than or equal to", "≥": "greater than or equal to", "±": "plus or minus",
  "÷": "divided by", "×": "times", "→": "to", "←": "from", "§": "section", "°": "degrees", "<": "less than", ">": "greater than",
  "|": ",", "/": " ", "[": "(", "]": ")", "{": "(", "}": ")", "«": "“", "»": "”", "‹": "“", "›": "”", "‘": "“", "©": "copyright",
};
