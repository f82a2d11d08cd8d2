import { integerToWords, digitsToWords } from "../numbers/cardinal.js";
import type { Rule } from "./rule.js";

// How the punctuation of an address is said.
const SYMBOL_WORDS: Readonly<Record<string, string>> = {
  ".": "dot", "/": "slash", "\\": "backslash", "-": "dash", "_": "underscore", "@": "at", ":": "colon",
  "?": "question mark", "=": "equals", "&": "and", "#": "hash", "+": "plus", "~": "tilde", "%": "percent",
};

/** A file extension or short label: words with a vowel are said ("zip", "json"), others spelled ("PDF"). */
function sayLabel(word: string): string {
  if (/^[a-z]{1,4}$/.test(word) && !/[aeiou]/.test(word)) return word.toUpperCase();
  return word;
}

/** Reads an address piece by piece: words kept, digits as numbers, symbols named. */
export function sayAddress(text: string): string {
  const words: string[] = [];
  for (const m of text.matchAll(/(\p{L}+)|(\d+)|(\S)/gu)) {
    if (m[1] !== undefined) words.push(m[1]);
    else if (m[2] !== undefined) words.push(m[2].length > 4 || m[2].startsWith("0") ? digitsToWords(m[2]) : integerToWords(m[2]));
    else {
      const word = SYMBOL_WORDS[m[3]!];
      if (word !== undefined) words.push(word);
    }
  }
  return words.join(" ");
}

function sayExtension(ext: string): string {
  return ext.split(/(?=\d)|(?<=\d)(?=\D)/).map((p) => (/\d/.test(p) ? integerToWords(p) : sayLabel(p))).join(" ");
}

const TRAILING_PUNCT = String.raw`[^\s<>"'().,;:!?\[\]{}]`;

export const urlRule: Rule = {
  name: "url",
  pattern: String.raw`\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'()\[\]{}]*${TRAILING_PUNCT}`,
  render: (g) => {
    const url = g["url"]!.replace(/^(?:https?|ftp):\/\//i, "").replace(/^www\./i, "").replace(/\/$/, "");
    return sayAddress(url);
  },
};

export const emailRule: Rule = {
  name: "email",
  pattern: String.raw`(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b`,
  render: (g) => sayAddress(g["email"]!),
};

const TLDS = "com|org|net|edu|gov|mil|int|io|dev|ai|app|co|uk|us|ca|au|de|fr|es|it|nl|be|ch|se|no|dk|fi|jp|cn|in|ru|br|eu|me|tv|ly|gg|xyz|info|biz|sh|so|to|fm";

export const domainRule: Rule = {
  name: "domain",
  pattern: String.raw`(?<![\w@.\/-])(?:[A-Za-z0-9-]+\.)+(?:${TLDS})(?![\w-])(?:\/[^\s<>"'()\[\]{}]*${TRAILING_PUNCT})?`,
  render: (g) => sayAddress(g["domain"]!.replace(/\/$/, "")),
};

const EXTENSIONS = "pdf|docx?|xlsx?|pptx?|odt|rtf|txt|md|csv|tsv|json|jsonl|ya?ml|toml|ini|cfg|conf|xml|html?|css|scss|js|mjs|cjs|ts|tsx|jsx|py|rb|go|rs|java|kt|swift|c|cc|cpp|h|hpp|cs|php|sh|bash|zsh|ps1|bat|sql|db|sqlite|png|jpe?g|gif|svg|webp|ico|bmp|tiff?|heic|mp3|mp4|m4a|wav|flac|ogg|opus|aac|mov|avi|mkv|webm|zip|tar|gz|tgz|bz2|xz|7z|rar|exe|dmg|iso|apk|deb|rpm|msi|log|lock|env|onnx|bin|npz|pt|safetensors|wasm|ipynb";

export const fileNameRule: Rule = {
  name: "file",
  pattern: String.raw`(?<![\w.\/\\-])[\w-]+(?:\.[\w-]+)*\.(?:${EXTENSIONS})(?![\w-])`,
  render: (g) => {
    const [base = "", ...exts] = g["file"]!.split(".");
    return [sayAddress(base), ...exts.map(sayExtension)].join(" dot ");
  },
};

export const pathRule: Rule = {
  name: "path",
  pattern: String.raw`(?<![\w\/.~\\])(?:~|\.{1,2})?(?:\/[\w.@+-]+)+\/?|(?<![\w\\])[A-Za-z]:\\[\w.\\-]*[\w.]`,
  render: (g) => {
    const path = g["path"]!.replace(/\/$/, "");
    return path
      .split(/([/\\])/)
      .filter((p) => p !== "")
      .map((p) => {
        if (p === "/") return "slash";
        if (p === "\\") return "backslash";
        if (p === "~") return "tilde";
        if (p === ".") return "dot";
        if (p === "..") return "dot dot";
        if (/^[A-Za-z]:$/.test(p)) return `${p[0]!.toUpperCase()} colon`;
        const file = /^([\w-]+)\.([A-Za-z0-9]{1,6})$/.exec(p);
        if (file !== null) return `${sayAddress(file[1]!)} dot ${sayExtension(file[2]!)}`;
        return sayAddress(p);
      })
      .join(" ");
  },
};
