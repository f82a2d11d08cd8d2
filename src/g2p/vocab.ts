// Kokoro-82M v1.0 phoneme vocabulary: symbol -> token id (id 0 is the pad "$").
// Data copied from the `vocab` object of src/kokoro_onnx/config.json in thewh1teagle/kokoro-onnx
// (commit 2bfb160c, MIT), identical to the model card config.json; see ../shared/reference/README.md.

const ENTRIES: ReadonlyArray<readonly [string, number]> = [
  [";", 1],
  [":", 2],
  [",", 3],
  [".", 4],
  ["!", 5],
  ["?", 6],
  ["—", 9],
  ["…", 10],
  ["\"", 11],
  ["(", 12],
  [")", 13],
  ["“", 14],
  ["”", 15],
  [" ", 16],
  ["̃", 17],
  ["ʣ", 18],
  ["ʥ", 19],
  ["ʦ", 20],
  ["ʨ", 21],
  ["ᵝ", 22],
  ["ꭧ", 23],
  ["A", 24],
  ["I", 25],
  ["O", 31],
  ["Q", 33],
  ["S", 35],
  ["T", 36],
  ["W", 39],
  ["Y", 41],
  ["ᵊ", 42],
  ["a", 43],
  ["b", 44],
  ["c", 45],
  ["d", 46],
  ["e", 47],
  ["f", 48],
  ["h", 50],
  ["i", 51],
  ["j", 52],
  ["k", 53],
  ["l", 54],
  ["m", 55],
  ["n", 56],
  ["o", 57],
  ["p", 58],
  ["q", 59],
  ["r", 60],
  ["s", 61],
  ["t", 62],
  ["u", 63],
  ["v", 64],
  ["w", 65],
  ["x", 66],
  ["y", 67],
  ["z", 68],
  ["ɑ", 69],
  ["ɐ", 70],
  ["ɒ", 71],
  ["æ", 72],
  ["β", 75],
  ["ɔ", 76],
  ["ɕ", 77],
  ["ç", 78],
  ["ɖ", 80],
  ["ð", 81],
  ["ʤ", 82],
  ["ə", 83],
  ["ɚ", 85],
  ["ɛ", 86],
  ["ɜ", 87],
  ["ɟ", 90],
  ["ɡ", 92],
  ["ɥ", 99],
  ["ɨ", 101],
  ["ɪ", 102],
  ["ʝ", 103],
  ["ɯ", 110],
  ["ɰ", 111],
  ["ŋ", 112],
  ["ɳ", 113],
  ["ɲ", 114],
  ["ɴ", 115],
  ["ø", 116],
  ["ɸ", 118],
  ["θ", 119],
  ["œ", 120],
  ["ɹ", 123],
  ["ɾ", 125],
  ["ɻ", 126],
  ["ʁ", 128],
  ["ɽ", 129],
  ["ʂ", 130],
  ["ʃ", 131],
  ["ʈ", 132],
  ["ʧ", 133],
  ["ʊ", 135],
  ["ʋ", 136],
  ["ʌ", 138],
  ["ɣ", 139],
  ["ɤ", 140],
  ["χ", 142],
  ["ʎ", 143],
  ["ʒ", 147],
  ["ʔ", 148],
  ["ˈ", 156],
  ["ˌ", 157],
  ["ː", 158],
  ["ʰ", 162],
  ["ʲ", 164],
  ["↓", 169],
  ["→", 171],
  ["↗", 172],
  ["↘", 173],
  ["ᵻ", 177],
];

export const KOKORO_VOCAB: ReadonlyMap<string, number> = new Map(ENTRIES);
const SYMBOL_BY_ID: ReadonlyMap<number, string> = new Map(ENTRIES.map(([s, id]) => [id, s]));

/** Token id of one phoneme symbol, or undefined when the symbol is not in the vocabulary. */
export function tokenId(symbol: string): number | undefined {
  return KOKORO_VOCAB.get(symbol);
}

/** Symbol for a token id, or undefined for the pad and unused ids. */
export function symbolOf(id: number): string | undefined {
  return SYMBOL_BY_ID.get(id);
}

/** All symbols of a phoneme string that the vocabulary does not contain (each once, in order). */
export function unknownSymbols(phonemes: string): string[] {
  const seen = new Set<string>();
  for (const ch of phonemes) if (!KOKORO_VOCAB.has(ch)) seen.add(ch);
  return [...seen];
}

/**
 * Phonemes to token ids, one id per code point, without pads. Symbols outside the vocabulary are
 * dropped, as the published tokenizer does.
 */
export function phonemesToIds(phonemes: string): number[] {
  const ids: number[] = [];
  for (const ch of phonemes) {
    const id = KOKORO_VOCAB.get(ch);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** Token ids back to a phoneme string (pads and unknown ids skipped). */
export function idsToPhonemes(ids: Iterable<number>): string {
  let out = "";
  for (const id of ids) out += SYMBOL_BY_ID.get(id) ?? "";
  return out;
}
