import type { ModelIO } from "../engine/model-io.js";
import type { SpeechServices } from "./speech.js";

export type LoadingStage = "starting" | "downloading" | "loading" | "warming";

export interface ModelInfo {
  readonly path: string;
  /** Catalogue variant name, or null for a model given by path. */
  readonly variant: string | null;
  readonly voicesPath: string;
  readonly io: ModelIO;
  readonly loadMs: number;
}

/** Where start-up stands; `/health` reports it and routes refuse work until `ready`. */
export type RuntimeState =
  | { readonly status: "loading"; readonly stage: LoadingStage; readonly progress: number | null; readonly detail: string | null }
  | { readonly status: "ready"; readonly services: SpeechServices; readonly model: ModelInfo; readonly startupMs: number }
  | { readonly status: "failed"; readonly error: string };

export interface RuntimeView {
  readonly state: RuntimeState;
}
