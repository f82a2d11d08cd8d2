// Every error the engine throws, in one place: callers (routes, runtime, tests) tell them apart by class.

/** The request that asked for this work was cancelled (its client went away). */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
}

/** The model file is missing or ONNX Runtime cannot load it. */
export class ModelLoadError extends Error {
  override readonly name = "ModelLoadError";
}

/** A model call failed in its worker, or the worker died while it was pending. */
export class InferenceError extends Error {
  override readonly name = "InferenceError";
}

/** The model's inputs and outputs do not match any known Kokoro export. */
export class ModelContractError extends Error {
  override readonly name = "ModelContractError";
}

/** The scheduler's queue is full: the call is refused rather than queued. */
export class QueueFullError extends Error {
  override readonly name = "QueueFullError";
}

/** A voice file or directory that cannot be loaded; the message names the file (and entry) at fault. */
export class VoiceFileError extends Error {
  override readonly name = "VoiceFileError";
}
