import * as ort from "onnxruntime-node";
import { readFileSync } from "node:fs";
const sizes = [13, 33, 46, 143, 145, 146, 153, 158, 152, 108, 109, 110, 110, 158, 160, 108, 107, 157, 160, 108, 108, 157, 160, 108, 108, 159, 108, 109, 112, 160, 110, 111, 112, 112, 155, 154, 158, 152, 160, 107, 110, 106, 118, 69];
const arena = process.argv[3] !== "noarena";
const s = await ort.InferenceSession.create(process.argv[2], { graphOptimizationLevel: "disabled", intraOpNumThreads: 2, interOpNumThreads: 1, enableMemPattern: false, enableCpuMemArena: arena });
const rss = () => readFileSync("/proc/self/status", "utf8").match(/VmRSS:\s+(\d+)/)[1] / 1048576;
console.log("created", rss().toFixed(2));
let i = 0;
for (const n of sizes) {
  await s.run({ input_ids: new ort.Tensor("int64", new BigInt64Array(n + 2).fill(50n), [1, n + 2]), style: new ort.Tensor("float32", new Float32Array(256), [1, 256]), speed: new ort.Tensor("float32", new Float32Array([1]), [1]) });
  if (++i % 11 === 0) console.log(`after ${i} calls`, rss().toFixed(2));
}
