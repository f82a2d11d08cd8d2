import type { preHandlerAsyncHookHandler } from "fastify";
import type { SpeechServices } from "../pipeline/speech.js";
import type { RuntimeState, RuntimeView } from "../runtime/runtime-state.js";
import { ApiError } from "./errors.js";
import type { Lifecycle } from "./lifecycle.js";

export interface ReadyOptions {
  /** New work is refused while the server drains (speech); reads of what is loaded are not. */
  readonly lifecycle?: Lifecycle;
  /** What is not ready yet, for the 503's message (default: the model, with its loading stage). */
  readonly what?: string;
}

/** Why a request cannot be served now (503, with Retry-After), or null when the runtime is ready. */
export function notReadyError(runtime: RuntimeView, options: ReadyOptions = {}): ApiError | null {
  if (options.lifecycle?.isDraining === true) {
    return new ApiError(503, "the server is shutting down", "shutting_down", null, "service_unavailable", { "Retry-After": "5", Connection: "close" });
  }
  const state: RuntimeState = runtime.state;
  if (state.status === "ready") return null;
  const why = options.what ?? (state.status === "failed" ? "the model failed to load" : `the model is ${state.stage}`);
  return new ApiError(503, `not ready: ${why}; retry shortly`, "not_ready", null, "service_unavailable", { "Retry-After": "2" });
}

/** One preHandler for every route that needs the loaded services: 503 until they are there (and while draining). */
export function requireReady(runtime: RuntimeView, options: ReadyOptions = {}): preHandlerAsyncHookHandler {
  return async () => {
    const error = notReadyError(runtime, options);
    if (error) throw error;
  };
}

/** The loaded services, in a handler behind `requireReady` (the runtime never goes back to loading). */
export function readyServices(runtime: RuntimeView): SpeechServices {
  const state = runtime.state;
  if (state.status !== "ready") throw notReadyError(runtime)!;
  return state.services;
}
