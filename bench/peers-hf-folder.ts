// The Hugging Face model folder that kokoro-js (through Transformers.js) loads offline: `config.json`,
// `tokenizer.json`, `tokenizer_config.json` and `onnx/model.onnx`, written from the phoneme vocabulary in
// ../shared/reference/ (the layout of onnx-community/Kokoro-82M-v1.0-ONNX; see kokoro-internals.md §1.1, §2).
// Voices are not part of it: kokoro-js 1.2.1 reads them from its own package's voices/ folder.
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../test/helpers/paths.js";

/** Kokoro-82M v1.0's phoneme vocabulary (symbol → id; id 0, the pad `$`, is not in the file). */
export const VOCAB_FILE = path.resolve(REPO_ROOT, "../shared/reference/kokoro-vocab.json");

/** The pad and unknown token of the HF tokenizer: id 0, also the model's pad. */
export const PAD = "$";

export const HF_CONFIG = { model_type: "style_text_to_speech_2" } as const;

export const HF_TOKENIZER_CONFIG = { model_max_length: 512, pad_token: PAD, tokenizer_class: "PreTrainedTokenizer", unk_token: PAD } as const;

export function readVocab(file = VOCAB_FILE): Record<string, number> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
}

/** Escapes the characters that mean something inside a regex character class. */
const classChar = (symbol: string): string => symbol.replace(/[-\\\]^[]/g, "\\$&");

/**
 * The `tokenizer.json` pipeline of the HF export: delete every character outside the vocabulary, one token per
 * code point, `$ … $` around the sequence, each symbol mapped to its id.
 */
export function hfTokenizerJson(vocab: Readonly<Record<string, number>>): Record<string, unknown> {
  const full: Record<string, number> = { [PAD]: 0, ...vocab };
  const special = { SpecialToken: { id: PAD, type_id: 0 } };
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [{ id: 0, content: PAD, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    normalizer: { type: "Replace", pattern: { Regex: `[^${Object.keys(full).map(classChar).join("")}]` }, content: "" },
    pre_tokenizer: { type: "Split", pattern: { Regex: "" }, behavior: "Isolated", invert: false },
    post_processor: {
      type: "TemplateProcessing",
      single: [special, { Sequence: { id: "A", type_id: 0 } }, special],
      pair: [special, { Sequence: { id: "A", type_id: 0 } }, special, { Sequence: { id: "B", type_id: 1 } }, special],
      special_tokens: { [PAD]: { id: PAD, ids: [0], tokens: [PAD] } },
    },
    decoder: null,
    model: { vocab: full },
  };
}

/** Points `link` at `target` (a symlink: the model is hundreds of MB), replacing a link to anything else. */
function linkTo(link: string, target: string): void {
  const stat = lstatSync(link, { throwIfNoEntry: false });
  if (stat) {
    if (stat.isSymbolicLink() && readlinkSync(link) === target) return;
    unlinkSync(link);
  }
  symlinkSync(target, link);
}

/** Writes (or refreshes) the folder `dir` for the ONNX file `model`; returns `dir`. */
export function writeHfModelFolder(dir: string, model: string, vocab: Readonly<Record<string, number>> = readVocab()): string {
  mkdirSync(path.join(dir, "onnx"), { recursive: true });
  writeFileSync(path.join(dir, "config.json"), JSON.stringify(HF_CONFIG));
  writeFileSync(path.join(dir, "tokenizer_config.json"), JSON.stringify(HF_TOKENIZER_CONFIG));
  writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify(hfTokenizerJson(vocab), null, 2));
  linkTo(path.join(dir, "onnx", "model.onnx"), path.resolve(model));
  return dir;
}
