import type { RuntimeView } from "../runtime/runtime-state.js";
import type { ActiveLimit } from "./active-limit.js";
import type { SpeechSessionOptions } from "./ws-session.js";

/** The speech routes' settings (HTTP, WebSocket and dialogue share them). */
export interface SpeechRouteOptions extends SpeechSessionOptions {
  readonly maxActiveRequests: number;
}

/** The speech routes' plugin options: their settings, the runtime, and the slots HTTP and WebSocket share. */
export interface SpeechPluginOptions extends SpeechRouteOptions {
  readonly runtime: RuntimeView;
  readonly slots: ActiveLimit;
}
