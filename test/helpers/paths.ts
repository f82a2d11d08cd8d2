import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHARED_DATA = path.resolve(REPO_ROOT, "../shared/data");
export const VOICES_DIR = path.join(SHARED_DATA, "voices");
export const VOICES_NPZ = path.join(SHARED_DATA, "voices-v1.0.bin");
export const FIXTURE_MODEL = path.join(REPO_ROOT, "test/fixtures/kokoro-fixture.onnx");
export const FIXTURE_MODEL_V1 = path.join(REPO_ROOT, "test/fixtures/kokoro-fixture-v1.onnx");
export const FIXTURE_MODEL_HEAVY = path.join(REPO_ROOT, "test/fixtures/kokoro-fixture-heavy.onnx");
export const CLI = path.join(REPO_ROOT, "bin/kokoro");
export const MISAKI_DIR = path.join(SHARED_DATA, "misaki");
