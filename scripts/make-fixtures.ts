// `npm run fixtures`: writes the fixture ONNX models into test/fixtures/ (only files whose bytes changed).
import { relative } from "node:path";
import { ensureFixtureModels } from "./onnx/fixture-models.js";

const { written } = await ensureFixtureModels();
const names = written.map((p) => relative(process.cwd(), p));
console.log(names.length === 0 ? "fixtures: up to date" : `fixtures: wrote ${names.join(", ")}`);
