import { existsSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { hfTokenizerJson, readVocab, writeHfModelFolder } from "../../bench/peers-hf-folder.js";
import { PEER_DIR, PEER_ENTRY } from "../../bench/peers-install.js";

// kokoro-js reads these files through Transformers.js; if the tokenizer maps a symbol to the wrong id, the peer
// bench would time a different model input than ours. Checked against the reference vocabulary.
const vocab = readVocab();

interface TokenizerJson {
  normalizer: { type: string; pattern: { Regex: string }; content: string };
  pre_tokenizer: { type: string; pattern: { Regex: string }; behavior: string };
  post_processor: { single: Array<{ SpecialToken?: { id: string } }> };
  added_tokens: Array<{ id: number; content: string }>;
  model: { vocab: Record<string, number> };
}

/** The tokenizer.json pipeline run by hand: normalizer regex, one token per code point, template, ids. */
function encode(json: TokenizerJson, phonemes: string): number[] {
  const kept = phonemes.replace(new RegExp(json.normalizer.pattern.Regex, "gu"), json.normalizer.content);
  const pad = json.post_processor.single[0]!.SpecialToken!.id;
  return [pad, ...kept, pad].map((token) => json.model.vocab[token]!);
}

describe("hfTokenizerJson (peers bench)", () => {
  const json = hfTokenizerJson(vocab) as unknown as TokenizerJson;

  it("maps every reference symbol to its id, with the pad $ as 0 and nothing else", () => {
    expect(Object.keys(vocab)).toHaveLength(114);
    expect(json.model.vocab).toEqual({ $: 0, ...vocab });
    expect(json.added_tokens).toEqual([expect.objectContaining({ id: 0, content: "$" })]);
  });

  it("encodes a phoneme string as [0, its ids, 0] and drops characters outside the vocabulary", () => {
    const symbols = Object.keys(vocab);
    expect(encode(json, symbols.join(""))).toEqual([0, ...symbols.map((s) => vocab[s]), 0]);
    // ASCII g (only ɡ U+0261 is in the vocabulary), dark l, a syllabic mark, and regex-class metacharacters.
    expect(encode(json, "gɡ ɫl̩-]\\^[ə")).toEqual([0, vocab["ɡ"], vocab[" "], vocab["l"], vocab["ə"], 0]);
  });
});

describe("writeHfModelFolder (peers bench)", () => {
  it("writes the four files kokoro-js loads and re-points the model link when the model changes", () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "peers-hf-"));
    const [a, b] = [path.join(tmp, "a.onnx"), path.join(tmp, "b.onnx")];
    writeFileSync(a, "a");
    writeFileSync(b, "b");
    const dir = writeHfModelFolder(path.join(tmp, "model"), a, vocab);
    expect(JSON.parse(readFileSync(path.join(dir, "config.json"), "utf8"))).toEqual({ model_type: "style_text_to_speech_2" });
    expect(JSON.parse(readFileSync(path.join(dir, "tokenizer_config.json"), "utf8"))).toMatchObject({ model_max_length: 512, pad_token: "$" });
    expect(JSON.parse(readFileSync(path.join(dir, "tokenizer.json"), "utf8"))).toEqual(hfTokenizerJson(vocab));
    expect(readFileSync(path.join(dir, "onnx/model.onnx"), "utf8")).toBe("a");
    writeHfModelFolder(dir, b, vocab);
    expect(readlinkSync(path.join(dir, "onnx/model.onnx"))).toBe(b);
    expect(readFileSync(path.join(dir, "onnx/model.onnx"), "utf8")).toBe("b");
  });

  // Only where the bench has installed kokoro-js: Transformers.js itself reads the folder and tokenizes.
  it.runIf(existsSync(path.join(PEER_DIR, "node_modules/kokoro-js")))("Transformers.js's own tokenizer gives the same ids", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "peers-hf-tf-"));
    writeFileSync(path.join(tmp, "m.onnx"), "");
    writeHfModelFolder(path.join(tmp, "kokoro"), path.join(tmp, "m.onnx"), vocab);
    type Tokenizer = (text: string, options: { truncation: boolean }) => { input_ids: { data: BigInt64Array } };
    const peer = (await import(pathToFileURL(PEER_ENTRY).href)) as {
      env: { allowRemoteModels: boolean; localModelPath: string };
      AutoTokenizer: { from_pretrained(id: string): Promise<Tokenizer> };
    };
    peer.env.allowRemoteModels = false;
    peer.env.localModelPath = tmp + path.sep;
    const tokenizer = await peer.AutoTokenizer.from_pretrained("kokoro");
    const phonemes = "həlˈoʊ wˈɜːld, gɡ!";
    const ids = Array.from(tokenizer(phonemes, { truncation: true }).input_ids.data, Number);
    expect(ids).toEqual(encode(hfTokenizerJson(vocab) as unknown as TokenizerJson, phonemes));
    expect(ids.slice(0, 3)).toEqual([0, vocab["h"], vocab["ə"]]);
  });
});
