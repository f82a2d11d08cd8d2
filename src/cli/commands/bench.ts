// `kokoro bench variants`: compares model variants (catalogue names or files) on the same calls: load time
// (with and without the optimized-graph cache), inference speed, memory, and how far each one's audio is from
// the reference's (fp32 by default) as a log-mel spectral distance. JSON on stdout.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Option, type Command } from "commander";
import { VOICES_NPZ } from "../../assets/catalogue.js";
import { assertLocalModelAssets, cachePath, ensureModelAssets, findVariant, missingAssets, resolveCacheDir } from "../../assets/index.js";
import { loadConfig } from "../../config/load.js";
import { candidateFor, ortPlatform } from "../../engine/providers/platform.js";
import { DEVICES, type RequestedDevice } from "../../engine/providers/types.js";
import { compareVariants, type CompareReport, type VariantSpec } from "../../variants/compare-variants.js";
import type { VariantCall, VariantSession } from "../../variants/measure-variant.js";
import { loadVoices } from "../../engine/voices/index.js";
import { createG2P } from "../../g2p/index.js";
import { planText } from "../../pipeline/front-end.js";
import { lexiconDirFor } from "../../assets/lexicon-dir.js";
import { defaultIntraOpThreads } from "../../runtime/runtime.js";
import { machine } from "../../util/machine.js";
import { CliError, numberFlag, requireFile, requireWritableTarget } from "../errors.js";

/** The fixed text set: a short sentence, a typical one, one with numbers and a date, and a paragraph. */
export const BENCH_TEXTS: readonly string[] = [
  "Hello there.",
  "The quick brown fox jumps over the lazy dog, and then it runs back home.",
  "On March 3rd, 2024, the museum opened a new wing with 1,250 photographs; visitors queued for two hours.",
  "Kokoro is an open-weight text-to-speech model with eighty-two million parameters. Despite its small size, " +
    "it speaks with a quality close to much larger models, while being faster and cheaper to run.",
];

export interface VariantsBenchOptions {
  /** Comma-separated catalogue names (fp32, q8, ...), files, or name=file; or already resolved. */
  readonly variants: string | readonly VariantSpec[];
  /** Default: fp32 when listed, else the first. */
  readonly reference?: string;
  readonly runs: number;
  readonly voice: string;
  readonly voicesPath: string;
  readonly lexiconDir: string;
  readonly cacheDir: string;
  readonly texts: readonly string[];
  /** The most ids a call holds, as the server plans (its maxCallIds); default: the model's limit. */
  readonly maxCallIds?: number;
  readonly session: VariantSession;
  /** Download catalogue variants missing from the cache (otherwise a missing one is an error). */
  readonly download?: boolean;
  readonly onVariant?: (name: string) => void;
}

export interface VariantsBenchReport extends CompareReport {
  readonly onnxruntime: string;
  readonly voice: string;
  readonly texts: readonly string[];
}

/** A `--variants` entry that names a catalogue variant (not `name=path`, not a path to an .onnx file). */
function isCatalogueName(entry: string): boolean {
  return entry !== "" && !entry.includes("=") && !/[\\/]/.test(entry) && !entry.toLowerCase().endsWith(".onnx");
}

/** Variant entries to files: `name=file`, a path (name = its base name), or a catalogue name in the cache. */
export async function resolveVariantSpecs(list: string, cacheDir: string, download = false, voicesPath?: string): Promise<VariantSpec[]> {
  const specs: VariantSpec[] = [];
  for (const entry of list.split(",").map((e) => e.trim()).filter((e) => e.length > 0)) {
    let spec: VariantSpec;
    const eq = entry.indexOf("=");
    if (eq > 0) spec = { name: entry.slice(0, eq), modelPath: entry.slice(eq + 1) };
    else if (!isCatalogueName(entry)) spec = { name: path.basename(entry).replace(/\.onnx$/i, ""), modelPath: entry };
    else {
      const variant = findVariant(entry);
      const file = cachePath(cacheDir, variant.file.fileName);
      if (!existsSync(file) && download) await ensureModelAssets({ variant: variant.name, cacheDir, voicesPath });
      if (!existsSync(file)) throw new Error(`variant ${variant.name} is not in the cache (${file}): run \`kokoro download --variant ${variant.name}\` or add --download`);
      spec = { name: variant.name, modelPath: file };
    }
    if (!existsSync(spec.modelPath)) throw new Error(`${spec.name}: model file not found: ${spec.modelPath}`);
    if (specs.some((s) => s.name === spec.name)) throw new Error(`variant ${spec.name} is listed twice`);
    specs.push(spec);
  }
  if (specs.length === 0) throw new Error("--variants lists no variant");
  return specs;
}

/** The model calls the server would make for the texts, with the voice's style rows. */
async function benchCalls(texts: readonly string[], lexiconDir: string, voicesPath: string, voiceName: string, maxIds?: number): Promise<VariantCall[]> {
  const voices = await loadVoices(voicesPath);
  const voice = voices.resolve(voiceName);
  if (!voice.ok) throw new Error(voice.message);
  const g2p = createG2P({ lexiconDir });
  try {
    const calls: VariantCall[] = [];
    for (const text of texts) {
      for (const chunk of await planText(text, g2p, { lang: "en-us", codeBlocks: "skip" }, undefined, { maxIds })) {
        calls.push({ ids: chunk.ids, style: voices.styleFor(voice.voice, chunk.ids.length), speed: 1 });
      }
    }
    return calls;
  } finally {
    await g2p.close();
  }
}

export async function runVariantsBench(options: VariantsBenchOptions): Promise<VariantsBenchReport> {
  const variants = typeof options.variants === "string" ? await resolveVariantSpecs(options.variants, options.cacheDir, options.download, options.voicesPath) : options.variants;
  const reference = options.reference ?? (variants.some((v) => v.name === "fp32") ? "fp32" : variants[0]!.name);
  const calls = await benchCalls(options.texts, options.lexiconDir, options.voicesPath, options.voice, options.maxCallIds);
  const report = await compareVariants({ variants, reference, calls, runs: options.runs, session: options.session, onVariant: options.onVariant });
  return { ...report, onnxruntime: ortPlatform().version, voice: options.voice, texts: options.texts };
}

interface BenchVariantsFlags {
  variants: string;
  reference?: string;
  runs: string;
  voice: string;
  voices?: string;
  lexicons?: string;
  cacheDir?: string;
  config?: string;
  device?: RequestedDevice;
  textsFile?: string;
  out?: string;
  download?: boolean;
}

export function registerBench(program: Command): void {
  const bench = program.command("bench").description("benchmarks of this machine (JSON on stdout)");
  bench
    .command("variants")
    .description("compare model variants: load time, inference speed, memory and audio difference from the reference (log-mel distance)")
    .requiredOption("--variants <list>", "comma-separated catalogue names (fp32,q8,...), model files, or name=file")
    .option("--reference <name>", "variant the others are compared with (default: fp32 when listed, else the first)")
    .option("--runs <n>", "timed passes over the text set (after one warm-up pass)", "3")
    .option("--voice <voice>", "voice for the calls", "af_heart")
    .option("--voices <path>", "a folder of voice .bin files or a voices-v1.0.bin .npz file (default: the cached copy)")
    .option("--lexicons <dir>", "folder with misaki's lexicons (default: the cached copy)")
    .option("--cache-dir <dir>", "asset cache directory (default: $KOKORO_HOME, else the XDG cache dir)")
    .option("--config <file>", "JSON config file (threads and cache dir are read from it)")
    .addOption(new Option("--device <device>", "execution provider for every variant (auto = cpu here)").choices(["auto", ...DEVICES]))
    .option("--texts-file <file>", "texts to speak, one per line (default: a fixed set of four)")
    .option("--download", "download catalogue variants missing from the cache")
    .option("--out <file>", "also write the JSON report to this file")
    .action(async (flags: BenchVariantsFlags) => {
      const { config } = loadConfig({
        file: flags.config,
        flags: { voices: flags.voices, lexicons: flags.lexicons, cacheDir: flags.cacheDir, device: flags.device, logLevel: "warn" },
      });
      const cacheDir = config.cacheDir ?? resolveCacheDir();
      const voicesPath = config.voices ?? cachePath(cacheDir, VOICES_NPZ.fileName);
      // Files and flags first, so a typo is reported before minutes of measuring, not after.
      const runs = numberFlag(flags.runs, "--runs", { min: 1, integer: true });
      for (const entry of flags.variants.split(",").map((e) => e.trim())) {
        if (isCatalogueName(entry)) findVariant(entry);
      }
      if (flags.textsFile !== undefined) requireFile(flags.textsFile, "--texts-file");
      if (flags.out !== undefined) requireWritableTarget(flags.out, "--out");
      if (config.voices !== undefined) await assertLocalModelAssets({ voicesPath: config.voices });
      else if ((await missingAssets({ cacheDir, kinds: ["voices"] })).length > 0) {
        throw new CliError(`the voices are not in the cache (${voicesPath}): run \`kokoro download\`, or pass --voices PATH`);
      }
      const texts = flags.textsFile ? (await readFile(flags.textsFile, "utf8")).split(/\r?\n/).filter((l) => l.trim().length > 0) : BENCH_TEXTS;
      if (texts.length === 0) throw new CliError(`--texts-file ${flags.textsFile}: it holds no text (one text a line)`);
      const device = config.device === "auto" ? "cpu" : config.device;
      // Names first: a typo or a missing download is reported before anything else is loaded.
      const variants = await resolveVariantSpecs(flags.variants, cacheDir, flags.download, voicesPath);
      const report = await runVariantsBench({
        variants,
        reference: flags.reference,
        runs,
        voice: flags.voice,
        voicesPath,
        lexiconDir: await lexiconDirFor(config),
        cacheDir,
        texts,
        maxCallIds: config.maxCallIds,
        session: {
          executionProviders: candidateFor(device).executionProviders,
          intraOpThreads: config.intraOpThreads ?? defaultIntraOpThreads(1),
          interOpThreads: config.interOpThreads,
        },
        download: flags.download,
        onVariant: (name) => console.error(`kokoro bench: ${name} measured`),
      });
      const json = JSON.stringify({ machine: machine(), ...report }, null, 2);
      if (flags.out) await writeFile(flags.out, `${json}\n`);
      console.log(json);
    });
}

