import { voiceMixKey } from "./voices/voice-key.js";
import type { VoiceComponent } from "./voices/voice-spec.js";
import type { InferenceOutput } from "./worker/handle.js";

export interface AudioCacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly maxBytes: number;
  readonly hits: number;
  readonly misses: number;
}

/**
 * Model outputs of recent calls, keyed by everything that determines them (model, voice, speed,
 * tokens), so a repeated phrase or a re-request starts instantly. Least recently used entries go
 * first once the total audio exceeds `maxBytes`; a Map keeps insertion order, which is the LRU order
 * when every hit re-inserts its entry.
 */
export class AudioCache {
  private readonly entries = new Map<string, InferenceOutput>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxBytes: number) {}

  /** The voice by its exact mix (voiceMixKey), never its id: an id rounds blend weights, so two blends may share one. */
  static key(model: string, voice: { readonly components: readonly VoiceComponent[] }, speed: number, ids: readonly number[]): string {
    return `${model}\u0000${voiceMixKey(voice)}\u0000${speed}\u0000${ids.join(",")}`;
  }

  get(key: string): InferenceOutput | undefined {
    const hit = this.entries.get(key);
    if (!hit) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, output: InferenceOutput): void {
    const size = sizeOf(output);
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= sizeOf(old);
      this.entries.delete(key);
    }
    this.entries.set(key, output);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= sizeOf(v);
    }
  }

  stats(): AudioCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses };
  }
}

function sizeOf(output: InferenceOutput): number {
  return output.audio.byteLength + (output.durations?.byteLength ?? 0);
}
