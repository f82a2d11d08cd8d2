/**
 * Worker-thread entry that owns one ONNX Runtime session. onnxruntime-node's `session.run()`
 * executes synchronously on the thread that calls it, so it must never run on the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import ort from "onnxruntime-node";
import { detectModelIO, type ModelIO, type ValueInfo } from "../model-io.js";
import { missingProviderLibrary } from "../providers/platform.js";
import type { FromWorker, RunRequest, ToWorker, WorkerInit } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("engine/worker/entry.ts must run in a worker thread");
const init = workerData as WorkerInit;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function valueInfo(meta: readonly ort.InferenceSession.ValueMetadata[]): ValueInfo[] {
  return meta.map((m) => (m.isTensor ? { name: m.name, type: m.type } : { name: m.name }));
}

function speedTensor(io: ModelIO, speed: number): ort.Tensor {
  switch (io.speedType) {
    case "float32":
      return new ort.Tensor("float32", Float32Array.of(speed), [1]);
    case "int32":
      return new ort.Tensor("int32", Int32Array.of(Math.max(1, Math.round(speed))), [1]);
    case "int64":
      return new ort.Tensor("int64", BigInt64Array.of(BigInt(Math.max(1, Math.round(speed)))), [1]);
  }
}

async function run(session: ort.InferenceSession, io: ModelIO, req: RunRequest): Promise<void> {
  const started = performance.now();
  const feeds: Record<string, ort.Tensor> = {
    [io.idsInput]: new ort.Tensor("int64", req.ids, [1, req.ids.length]),
    [io.styleInput]: new ort.Tensor("float32", req.style, [1, req.style.length]),
    [io.speedInput]: speedTensor(io, req.speed),
  };
  const out = await session.run(feeds);
  const audioValue = out[io.audioOutput];
  if (!audioValue || !(audioValue.data instanceof Float32Array)) {
    throw new Error(`model output ${io.audioOutput} is not float32 audio`);
  }
  // Copy out of onnxruntime's buffer so the result can be transferred without a second copy.
  const audio = new Float32Array(audioValue.data);
  let durations: Float32Array | null = null;
  const durationValue = io.durationOutput ? out[io.durationOutput] : undefined;
  if (durationValue) durations = Float32Array.from(durationValue.data as ArrayLike<number | bigint>, Number);
  const transfer: ArrayBuffer[] = [audio.buffer as ArrayBuffer];
  if (durations) transfer.push(durations.buffer as ArrayBuffer);
  post({ type: "result", id: req.id, audio, durations, inferMs: performance.now() - started }, transfer);
}

async function main(): Promise<void> {
  const started = performance.now();
  let session: ort.InferenceSession;
  let io: ModelIO;
  try {
    const { executionProviders, ...rest } = init.session;
    const missing = missingProviderLibrary(executionProviders ?? []);
    if (missing) throw new Error(missing);
    session = await ort.InferenceSession.create(init.modelPath, {
      ...rest,
      ...(executionProviders ? { executionProviders: [...executionProviders] } : {}),
    });
    io = detectModelIO(valueInfo(session.inputMetadata), valueInfo(session.outputMetadata));
  } catch (err) {
    post({ type: "load-failed", message: err instanceof Error ? err.message : String(err) });
    return;
  }
  // Requests are handled one at a time: the session can only run one call at once anyway.
  let queue: Promise<void> = Promise.resolve();
  port!.on("message", (msg: ToWorker) => {
    queue = queue.then(() =>
      run(session, io, msg).catch((err: unknown) => {
        post({ type: "run-failed", id: msg.id, message: err instanceof Error ? err.message : String(err) });
      }),
    );
  });
  post({
    type: "ready",
    io,
    loadMs: performance.now() - started,
    inputs: [...session.inputNames],
    outputs: [...session.outputNames],
  });
}

void main();
