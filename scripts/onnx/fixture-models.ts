// The three fixture model files under test/fixtures/: what they are, and writing them when missing or stale.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  COMMUNITY_NAMES,
  RELEASE_NAMES,
  heavyFixtureModel,
  lightFixtureModel,
  type HeavyWork,
} from "./kokoro-fixture-graph.js";
import { encodeModel } from "./onnx-proto.js";

export const FIXTURE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures");

/** Absolute paths of the generated models. */
export const FIXTURE_MODELS = {
  /** onnx-community names: input_ids, style, speed -> waveform. */
  light: join(FIXTURE_DIR, "kokoro-fixture.onnx"),
  /** kokoro-onnx release names: tokens, style, speed -> audio. */
  v1: join(FIXTURE_DIR, "kokoro-fixture-v1.onnx"),
  /** Same names and audio as `light` (within 1e-6), with compute that grows with the audio length. */
  heavy: join(FIXTURE_DIR, "kokoro-fixture-heavy.onnx"),
} as const;

export type FixtureModelName = keyof typeof FIXTURE_MODELS;

/**
 * Extra work of the heavy model, tuned with bench/fixture-rtf.ts for a real-time factor of about 0.5
 * on the project's 2-core machine (AMD EPYC, onnxruntime-node 1.30 default session options).
 */
export const HEAVY_WORK: HeavyWork = { width: 1536, layers: 128, samplesPerRow: 150 };

/** The bytes of each fixture model; building them takes milliseconds, so we never cache them. */
export function fixtureModelBytes(work: HeavyWork = HEAVY_WORK): Record<FixtureModelName, Uint8Array> {
  return {
    light: encodeModel(lightFixtureModel(COMMUNITY_NAMES)),
    v1: encodeModel(lightFixtureModel(RELEASE_NAMES)),
    heavy: encodeModel(heavyFixtureModel(COMMUNITY_NAMES, work)),
  };
}

export interface EnsureResult {
  paths: typeof FIXTURE_MODELS;
  /** Files (re)written by this call; empty when everything was already up to date. */
  written: string[];
}

/**
 * Makes test/fixtures/ hold exactly the current models (and their README). A file is rewritten only
 * when its bytes differ, so an up-to-date checkout costs one small read per file. Writes go through
 * a temporary file and a rename, so parallel test workers never read a half-written model.
 */
export async function ensureFixtureModels(): Promise<EnsureResult> {
  await mkdir(FIXTURE_DIR, { recursive: true });
  const bytes = fixtureModelBytes();
  const files: Array<[string, Uint8Array]> = (Object.keys(FIXTURE_MODELS) as FixtureModelName[]).map((name) => [
    FIXTURE_MODELS[name],
    bytes[name],
  ]);
  files.push([join(FIXTURE_DIR, "README.md"), new TextEncoder().encode(fixtureReadme(bytes))]);

  const written: string[] = [];
  for (const [path, content] of files) {
    if (await sameContent(path, content)) continue;
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, content);
    await rename(temp, path);
    written.push(path);
  }
  return { paths: FIXTURE_MODELS, written };
}

async function sameContent(path: string, content: Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(content).equals(await readFile(path));
  } catch {
    return false;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function fixtureReadme(bytes: Record<FixtureModelName, Uint8Array>): string {
  const row = (name: FixtureModelName, io: string): string => {
    const file = FIXTURE_MODELS[name].slice(FIXTURE_DIR.length + 1);
    return `| \`${file}\` | ${io} | ${bytes[name].length} | \`${sha256(bytes[name]).slice(0, 16)}\` |`;
  };
  const { width, layers, samplesPerRow } = HEAVY_WORK;
  return `# Fixture models (generated; do not edit)

Written by \`npm run fixtures\` (\`scripts/make-fixtures.ts\`, graphs in \`scripts/onnx/\`). The \`.onnx\` files
are git-ignored; this README is regenerated with them. Decode their audio with \`test/helpers/fixture-audio.ts\`.

| file | inputs -> output | bytes | sha256 (first 16) |
|---|---|---|---|
${row("light", "`input_ids` int64 [1,T], `style` float32 [1,256], `speed` float32 [1] -> `waveform` float32 [N]")}
${row("v1", "`tokens` int64 [1,T], `style` float32 [1,256], `speed` float32 [1] -> `audio` float32 [N]")}
${row("heavy", "as `kokoro-fixture.onnx`")}

Audio (24 kHz): with \`d = max(1, round(600 / speed))\` (ONNX Round: half to even, in float32), \`N = T·d\`;
input position \`i\` fills samples \`i·d … i·d+d-1\` with \`0\` when its id is 0 (pad), otherwise
\`A·sin(2π·(100 + 40·id)·j / 24000)\` for \`j = 0 … d-1\`, where \`A = 0.3 + 0.2·tanh(style[0,0])\`.

The heavy model multiplies that audio by \`1 + 2^-22·tanh(…)\` of a ${layers}-layer MatMul+Tanh stack of width
${width} over one row per ${samplesPerRow} samples (rounded up per position), so it matches the light model within
1e-6 per sample (pads stay exactly 0) while its cost grows with the audio length: about a 0.5 real-time
factor on a 2-core machine, see \`bench/fixture-rtf.ts\`.

\`kokoro-shaped.onnx\` (~325 MB, only with \`npm run fixtures -- --shaped\`, or built on first use by its
integration test and \`npm run bench -- <name> --model shaped\`) is the Kokoro-82M-shaped model expanded from
\`../shared/models/kokoro-shaped/\` by \`scripts/onnx/kokoro-shaped.ts\`; \`kokoro-shaped.onnx.json\` records what
it was built from.
`;
}
