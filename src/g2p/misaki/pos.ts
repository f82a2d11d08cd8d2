// A small rule-based part-of-speech tagger, good enough for what misaki's lexicon asks of spaCy:
// choosing between the forms of its ~790 POS entries (record, read, live, close, use...) and the
// special cases (a, I, in, by, that, used, all-caps names). Penn Treebank tags.
//
// 1. Each word gets a lexical tag: a closed-class list, else a suffix guess ("" = no idea).
// 2. Context rules then settle words the lexicon marks as ambiguous, looking left past adverbs:
//    after to/modals/do → VB; after have → VBN; after be → VBN/VBG for participles; after a
//    subject → a finite verb; at the start before an object → imperative VB; after a determiner
//    → NN, or JJ when a noun follows.

export interface TagToken {
  readonly text: string;
  readonly kind: "word" | "punct";
}

/** What the tagger may ask of the lexicon: the tags a word's POS entry distinguishes. */
export type PosKeys = (word: string) => readonly string[] | undefined;

const CLOSED: ReadonlyMap<string, string> = new Map(
  Object.entries({
    DT: "the a an this that these those every each some any no another either neither both all",
    "PRP$": "my your his its our their",
    PRP: "i you he she it we they me him us them myself yourself himself herself itself ourselves themselves one",
    WP: "who whom what which whose",
    WRB: "when where why how",
    IN: "of on at for with from into onto about over under after before between through during without within against among upon since until till than as because if whether while although though via per across behind beyond toward towards around near like unless whereas",
    TO: "to",
    MD: "will would can could shall should may might must 'll i'll you'll he'll she'll we'll they'll it'll won't can't couldn't wouldn't shouldn't mustn't cannot",
    CC: "and or but nor yet plus",
    VBP: "am are do have don't 're 've i'm we're they're you're i've we've they've you've aren't haven't",
    VBZ: "is does has 's doesn't hasn't isn't it's he's she's that's there's what's",
    VBD: "was were did had didn't wasn't weren't hadn't 'd i'd you'd he'd she'd we'd they'd",
    VB: "be",
    VBN: "been",
    VBG: "being having",
    RB: "not n't never very also just already always often too quite rather still even ever soon now then here again only almost perhaps maybe really usually",
    EX: "there",
    UH: "oh yes hello hi hey please ok okay wow",
  }).flatMap(([tag, words]) => words.split(" ").map((w): [string, string] => [w, tag])),
);

const BE = new Set(["be", "am", "is", "are", "was", "were", "been", "being", "'re", "'s", "i'm", "you're", "we're", "they're", "it's", "he's", "she's", "isn't", "aren't", "wasn't", "weren't"]);
const HAVE = new Set(["have", "has", "had", "having", "'ve", "i've", "you've", "we've", "they've", "haven't", "hasn't", "hadn't", "'d"]);
const DO = new Set(["do", "does", "did", "don't", "doesn't", "didn't"]);
const SUBJECTS = new Set(["i", "you", "he", "she", "it", "we", "they", "who", "that", "which"]);
const THIRD_SINGULAR = new Set(["he", "she", "it"]);
/** Tags after which a word starts a noun phrase's head or modifier. */
const NOMINAL_LEFT = new Set(["DT", "PRP$", "POS", "CD", "JJ", "IN"]);
/** Tags that can begin the object of an imperative or a transitive verb. */
const OBJECT_START = new Set(["DT", "PRP$", "CD"]);
const OBJECT_PRONOUNS = new Set(["me", "him", "her", "us", "them", "it", "this", "that", "these", "those", "you"]);

const isAllCaps = (w: string): boolean => w.length > 1 && /\p{Lu}/u.test(w) && w === w.toUpperCase();
const isCapitalized = (w: string): boolean => /^\p{Lu}\p{Ll}/u.test(w);

/** The tag of a word seen alone. */
export function lexicalTag(word: string): string {
  const lower = word.toLowerCase();
  if (/^[\d.,-]+(?:st|nd|rd|th|s)?$/iu.test(word) && /\d/u.test(word)) return "CD";
  const closed = CLOSED.get(lower.replaceAll("’", "'"));
  if (closed !== undefined && !isAllCapsName(word, lower)) return closed;
  if (word === "I") return "PRP";
  if (isAllCaps(word)) return "NNP";
  if (/'s$/u.test(lower) || /s'$/u.test(lower)) return "NN";
  if (lower.endsWith("ly") && lower.length > 4) return "RB";
  if (lower.endsWith("ing") && lower.length > 4) return "VBG";
  if (lower.endsWith("ed") && lower.length > 3) return "VBD";
  if (/(?:tion|sion|ment|ness|ity|ism|ship|hood)s?$/u.test(lower)) return lower.endsWith("s") ? "NNS" : "NN";
  if (/(?:ous|ful|ive|able|ible|al|ic|less|ish|ary)$/u.test(lower)) return "JJ";
  if (/(?:er|est)$/u.test(lower) && lower.length > 4) return lower.endsWith("est") ? "JJS" : "JJR";
  return "";
}

/** "US", "IT", "AM" in capitals are names more often than the function words. */
function isAllCapsName(word: string, lower: string): boolean {
  return isAllCaps(word) && !["i", "a"].includes(lower) && !["THE", "TO", "AND", "OF", "IN", "IS", "A"].includes(word);
}

/** Tags every token; punctuation gets its own text as its tag, as spaCy does for most marks. */
export function tagTokens(tokens: readonly TagToken[], posKeys: PosKeys): string[] {
  const tags = tokens.map((t) => (t.kind === "punct" ? t.text.trim() || "," : lexicalTag(t.text)));
  // The nearest token left of i that is not an adverb, kept as we go: searching back from every word
  // is quadratic in a run of adverbs ("very very very …").
  let left = -1;
  let leftOfLeft = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.kind === "word") tags[i] = contextTag(tokens, tags, i, left, leftOfLeft, posKeys) ?? tags[i] ?? "";
    if (!(tags[i] === "RB" && token?.kind === "word")) {
      leftOfLeft = left;
      left = i;
    }
  }
  return tags;
}

interface Neighbour {
  readonly word: string; // lowercased, "" for punctuation or the edge
  readonly tag: string; // "" at the edge
  readonly capitalized: boolean;
}

/** The token at j, the nearest left of the current one once adverbs are skipped ("will not read", "have already read"). */
function leftOf(tokens: readonly TagToken[], tags: readonly string[], j: number): Neighbour {
  const t = tokens[j];
  if (j < 0 || t === undefined) return { word: "", tag: "", capitalized: false };
  return { word: t.kind === "word" ? t.text.toLowerCase().replaceAll("’", "'") : "", tag: tags[j] ?? "", capitalized: isCapitalized(t.text) };
}

function at(tokens: readonly TagToken[], tags: readonly string[], j: number): Neighbour {
  const t = tokens[j];
  if (t === undefined) return { word: "", tag: "", capitalized: false };
  const word = t.kind === "word" ? t.text.toLowerCase().replaceAll("’", "'") : "";
  return { word, tag: tags[j] ?? "", capitalized: t.kind === "word" && isCapitalized(t.text) };
}

function contextTag(
  tokens: readonly TagToken[],
  tags: readonly string[],
  i: number,
  leftIndex: number,
  leftOfLeftIndex: number,
  posKeys: PosKeys,
): string | undefined {
  const token = tokens[i];
  if (token === undefined) return undefined;
  const word = token.text;
  const lower = word.toLowerCase();
  const lexical = tags[i] ?? "";
  const left = leftOf(tokens, tags, leftIndex);
  const right = at(tokens, tags, i + 1);
  const nothingFollows = right.word === "";

  switch (lower) {
    case "a":
      return word === "A" && (nothingFollows || (!right.capitalized && right.tag === "CC")) ? "NNP" : "DT";
    case "i":
      return word === "I" ? "PRP" : "NN";
    case "in":
    case "by":
      return nothingFollows || right.tag === "IN" || right.tag === "CC" ? "RB" : "IN";
    case "that":
      return thatTag(left, right);
    case "her":
      return nothingFollows || OBJECT_START.has(right.tag) || right.tag === "IN" || right.tag === "TO" ? "PRP" : "PRP$";
    case "am":
      return left.tag === "CD" ? "NN" : word === "AM" && nothingFollows ? "NN" : "VBP";
    case "used":
      if (right.word === "to") return usedTo(left, at(tokens, tags, i + 2));
      break;
  }
  if (lexical === "CD" || lexical === "NNP" || CLOSED.has(lower) || lexical === "PRP") return undefined;

  const keys = posKeys(lower) ?? posKeys(word);
  const canVerb = keys === undefined || keys.some((k) => k.startsWith("V"));
  const form = lower.endsWith("ing") ? "VBG" : lower.endsWith("ed") ? "VBD" : lower.endsWith("s") && !lower.endsWith("ss") ? "VBZ" : "VB";

  if (canVerb) {
    if (left.tag === "TO" || left.tag === "MD" || DO.has(left.word)) return form === "VBZ" ? "NNS" : "VB";
    if (HAVE.has(left.word) && left.tag !== "NN") return "VBN";
    // A question puts the auxiliary before the subject: "did you read", "have they read", "is she reading".
    const inverted = SUBJECTS.has(left.word) || left.tag === "NNP" ? leftOf(tokens, tags, leftOfLeftIndex) : undefined;
    if (inverted !== undefined && (inverted.tag === "MD" || DO.has(inverted.word))) return form === "VBZ" ? "NNS" : "VB";
    if (inverted !== undefined && HAVE.has(inverted.word) && inverted.tag !== "NN") return "VBN";
    if (BE.has(left.word)) {
      if (form === "VBG") return "VBG";
      if (form === "VBD" || keys?.includes("VBN") === true || /en$/u.test(lower)) return "VBN";
      return undefined;
    }
    if (SUBJECTS.has(left.word) && left.tag !== "DT" && left.tag !== "IN") {
      if (form === "VBZ" || form === "VBG") return form;
      if (form === "VBD") return "VBD";
      return THIRD_SINGULAR.has(left.word) ? "VBD" : "VBP";
    }
    const startsClause = left.word === "" && !/^(?:DT|PRP\$|JJ|CD|POS|IN)$/u.test(left.tag);
    const objectFollows = OBJECT_START.has(right.tag) || OBJECT_PRONOUNS.has(right.word);
    if (startsClause && objectFollows && form === "VB") return "VB";
    if ((left.tag.startsWith("NN") || left.tag === "NNP") && objectFollows && keys !== undefined) return form === "VB" ? "VBP" : form;
  }
  if (keys !== undefined && NOMINAL_LEFT.has(left.tag)) {
    const nounFollows = right.word !== "" && /^(?:NN|NNS|JJ|)$/u.test(right.tag) && !CLOSED.has(right.word);
    // A modifier: the ADJ form, or DEFAULT (which is the adjective for close, live...).
    if (nounFollows) return "JJ";
    return form === "VBZ" ? "NNS" : "NN";
  }
  if (keys !== undefined) return ""; // ambiguous and no rule fired: the entry's DEFAULT
  return undefined;
}

/** Demonstrative `that` (DT, stressed) versus complementizer or relative `that`. */
function thatTag(left: Neighbour, right: Neighbour): string {
  if (right.word === "") return "DT";
  if (left.tag.startsWith("NN")) return "WDT";
  if (/^(?:PRP|DT|PRP\$|EX|NNP)$/u.test(right.tag) || right.capitalized) return "IN";
  if (right.tag.startsWith("VB") || right.tag === "MD") return "DT"; // "that is odd"
  if (/^(?:NN|NNS|JJ|CD|)$/u.test(right.tag)) return "DT"; // "that book"
  return "IN";
}

/** "used to": the habitual past (VBD/JJ, /jˈust/) unless it is a passive "is used to cut". */
function usedTo(left: Neighbour, afterTo: Neighbour): string {
  if (BE.has(left.word)) return afterTo.tag === "VB" || afterTo.tag === "" ? "VBN" : "JJ";
  return "VBD";
}
