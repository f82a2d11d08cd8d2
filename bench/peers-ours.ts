// Child process of the peers bench: our real server (config, runtime, Fastify, inference worker, ONNX Runtime)
// on an ephemeral port, with one worker of N intra-op threads. The bench talks to it over HTTP; this process only
// says where it listens and how much memory it holds. Usage (by bench/peers.ts):
//   node --import tsx bench/peers-ours.ts <model.onnx> <intra-op threads>
import { performance } from "node:perf_hooks";
import { VOICES_DIR } from "../test/helpers/paths.js";
import { startTestServer } from "../test/helpers/test-server.js";
import { failStart, serveParent } from "./peers-ipc.js";

const [model, threadsArg] = process.argv.slice(2);
try {
  if (!model || !threadsArg) throw new Error("usage: peers-ours.ts <model.onnx> <intra-op threads>");
  const started = performance.now();
  // The product's call sizing (startTestServer turns it off for tests); no audio cache, so repeated runs compute;
  // maxAheadSeconds stays 0 (startTestServer's): the client reads as fast as it can, as kokoro-js's caller does.
  const server = await startTestServer({
    model, voices: VOICES_DIR, workers: 1, intraOpThreads: Number(threadsArg), adaptiveCallSizing: true, audioCacheMB: 0,
  });
  serveParent({ url: server.url, loadMs: Math.round(performance.now() - started) }, {});
} catch (error) {
  failStart(error);
}
