// The G2P the pipeline uses. For now espeak-ng in a worker; our misaki-compatible G2P replaces it
// behind the same interface.
import { EspeakG2P, type EspeakG2POptions } from "./espeak-g2p.js";
import type { G2P } from "./types.js";

export type { G2P, Lang } from "./types.js";
export { LANGS } from "./types.js";

export type G2POptions = EspeakG2POptions;

/** A G2P that can also do its slow start-up ahead of the first request. */
export interface WarmableG2P extends G2P {
  warmUp(): Promise<void>;
}

export function createG2P(options: G2POptions = {}): WarmableG2P {
  return new EspeakG2P(options);
}
