// Plays float PCM as it arrives: each piece becomes an AudioBuffer scheduled right after the one before,
// so playback is gapless while the network keeps up. A timeline maps AudioContext time back to seconds
// of the response's audio, so word timings stay right even if an underrun forces a gap.

/** Lead time for the first piece and after an underrun, so the start is never in the past. */
const LEAD_S = 0.05;

/**
 * The audio position at context time `t`, from scheduled segments `{ audioStart, ctxStart, duration }`
 * (in scheduling order). Before the first segment: 0; in a gap: the end of the segment before it.
 */
export function audioPositionAt(segments, t) {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].ctxStart <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found === -1) return 0;
  const s = segments[found];
  return s.audioStart + Math.min(Math.max(t - s.ctxStart, 0), s.duration);
}

export class StreamPlayer {
  #ctx;
  #sources = new Set();
  #segments = [];
  #nextTime = 0;
  #received = 0;
  #played = 0;
  #finished = false;

  /** `ctx`: an AudioContext created in a user gesture (browsers start it suspended otherwise). */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  /** Seconds of audio received and scheduled. */
  get receivedSeconds() {
    return this.#received;
  }

  /**
   * Seconds of audio heard so far: context time less the output latency where the browser reports it
   * (the latency estimate may change while playing, so the position is kept from going backwards).
   */
  get playedSeconds() {
    const latency = Number.isFinite(this.#ctx.outputLatency) ? this.#ctx.outputLatency : 0;
    const at = Math.min(audioPositionAt(this.#segments, this.#ctx.currentTime - latency), this.#received);
    this.#played = Math.max(this.#played, at);
    return this.#played;
  }

  /** True once `finish()` was called and everything received has been played. */
  get ended() {
    return this.#finished && this.#sources.size === 0;
  }

  /** Schedules samples right after the previous ones (or shortly from now after an underrun). */
  push(samples, sampleRate) {
    if (samples.length === 0) return;
    const ctx = this.#ctx;
    const buffer = ctx.createBuffer(1, samples.length, sampleRate);
    buffer.getChannelData(0).set(samples);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    const at = Math.max(this.#nextTime, ctx.currentTime + (this.#segments.length === 0 ? LEAD_S : LEAD_S / 2));
    source.onended = () => this.#sources.delete(source);
    source.start(at);
    this.#sources.add(source);
    this.#segments.push({ audioStart: this.#received, ctxStart: at, duration: buffer.duration });
    this.#received += buffer.duration;
    this.#nextTime = at + buffer.duration;
  }

  /** No more audio will come. */
  finish() {
    this.#finished = true;
  }

  /** Silences everything scheduled, now. */
  stop() {
    for (const source of this.#sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // not started yet in some engines: nothing to stop
      }
      source.disconnect();
    }
    this.#sources.clear();
    this.#finished = true;
  }
}
