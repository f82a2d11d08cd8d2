// `--model` for every bench that runs a model, parsed in one place:
//   shaped            test/fixtures/kokoro-shaped.onnx, the Kokoro-82M-shaped model (built if missing, a few seconds)
//   light|v1|heavy    the fixture models (test/fixtures/kokoro-fixture*.onnx)
//   anything else     a path to an ONNX file
// A bench calls `takeModelOption(argv, itsDefault)` first and parses the rest of argv as before.
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureShapedModel, SHAPED_MODEL } from "../scripts/onnx/kokoro-shaped.js";
import { FIXTURE_MODEL, FIXTURE_MODEL_HEAVY, FIXTURE_MODEL_V1 } from "../test/helpers/paths.js";

export type NamedModel = "shaped" | "light" | "v1" | "heavy";

export interface BenchModel {
  /** Absolute path of the ONNX file. */
  readonly path: string;
  /** The file name, for reports. */
  readonly name: string;
  /** Which named model it is; "file" for a path given by the user. */
  readonly kind: NamedModel | "file";
  /** Its audio is the fixtures' decodable tones (light, v1, heavy): benches may check it against the plan. */
  readonly fixtureAudio: boolean;
}

const FIXTURES: Record<Exclude<NamedModel, "shaped">, string> = { light: FIXTURE_MODEL, v1: FIXTURE_MODEL_V1, heavy: FIXTURE_MODEL_HEAVY };

/** Resolves a `--model` value (see the file comment); the shaped model is generated when missing or stale. */
export async function resolveBenchModel(spec: string): Promise<BenchModel> {
  if (spec === "shaped") {
    const { path: file } = await ensureShapedModel();
    return { path: file, name: path.basename(SHAPED_MODEL), kind: "shaped", fixtureAudio: false };
  }
  if (spec in FIXTURES) {
    const file = FIXTURES[spec as keyof typeof FIXTURES];
    return { path: file, name: path.basename(file), kind: spec as NamedModel, fixtureAudio: true };
  }
  const file = path.resolve(spec);
  if (!existsSync(file)) throw new Error(`--model: no such file ${file} (or use shaped, light, v1, heavy)`);
  return { path: file, name: path.basename(file), kind: "file", fixtureAudio: false };
}

/**
 * Removes `--model X` / `--model=X` from a bench's arguments and resolves it (absent: `fallback`, the bench's
 * default). The other arguments are returned for the bench's own parser.
 */
export async function takeModelOption(argv: readonly string[], fallback: NamedModel): Promise<{ model: BenchModel; rest: string[] }> {
  const rest: string[] = [];
  let spec: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--model") {
      spec = argv[++i];
      if (spec === undefined || spec.startsWith("--")) throw new Error("--model needs a value: shaped, light, v1, heavy or a path");
    } else if (arg.startsWith("--model=")) {
      spec = arg.slice("--model=".length);
    } else {
      rest.push(arg);
    }
  }
  return { model: await resolveBenchModel(spec ?? fallback), rest };
}
