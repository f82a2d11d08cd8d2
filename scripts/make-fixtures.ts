// `npm run fixtures`: writes the fixture ONNX models into test/fixtures/ (only files whose bytes changed).
// `npm run fixtures -- --shaped` also expands the Kokoro-shaped model (test/fixtures/kokoro-shaped.onnx, ~325 MB,
// a few seconds; cached by the shared graph's sha256), which the default run leaves alone so CI stays light.
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { ensureFixtureModels } from "./onnx/fixture-models.js";
import { ensureShapedModel } from "./onnx/kokoro-shaped.js";

const { values } = parseArgs({ options: { shaped: { type: "boolean", default: false }, force: { type: "boolean", default: false } } });

const { written } = await ensureFixtureModels();
const names = written.map((p) => relative(process.cwd(), p));
console.error(names.length === 0 ? "fixtures: up to date" : `fixtures: wrote ${names.join(", ")}`);

if (values.shaped) {
  const shaped = await ensureShapedModel({ force: values.force });
  const file = relative(process.cwd(), shaped.path);
  const mb = (shaped.stamp.bytes / 1e6).toFixed(1);
  console.log(
    shaped.written
      ? `fixtures: wrote ${file} (${mb} MB, ${shaped.stamp.recipes} initializers generated, ${(shaped.ms / 1000).toFixed(1)} s)`
      : `fixtures: ${file} up to date`,
  );
}
