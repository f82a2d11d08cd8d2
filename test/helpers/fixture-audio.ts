// Reads the fixture models' audio back into token ids, and computes what that audio should be.
//
// The fixture semantics (scripts/onnx/kokoro-fixture-graph.ts), restated here on purpose rather than
// imported, so a mistake in the graph cannot hide behind the same mistake in the reference:
//   d = max(1, round(600 / speed)), half to even, computed in float32 like the ONNX graph;
//   input position i -> samples [i·d, i·d + d): 0 for a pad (id 0), else A·sin(2π·(100 + 40·id)·j / 24000),
//   A = 0.3 + 0.2·tanh(style[0,0]).
import { KOKORO_VOCAB } from "../../src/g2p/vocab.js";
import { PAD_ID } from "../../src/model/contract.js";

const SAMPLE_RATE = 24_000;
const FRAME_SAMPLES = 600;
const BASE_HZ = 100;
const HZ_PER_ID = 40;
/** Below this length a tone is too short to tell neighbouring ids (40 Hz apart) apart reliably. */
const MIN_DECODABLE_SAMPLES = 32;

/** Token ids the decoder can recognize: the Kokoro vocabulary's ids (1..177, with gaps). */
const VALID_IDS: readonly number[] = [...new Set(KOKORO_VOCAB.values())].sort((a, b) => a - b);

function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Samples per input position for a speed: max(1, round(600 / speed)), as the graph computes it in float32. */
export function samplesPerToken(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a positive number, got ${speed}`);
  // A float64 quotient rounded once to float32 equals float32 division exactly (53 ≥ 2·24 + 2 bits).
  const quotient = Math.fround(FRAME_SAMPLES / Math.fround(speed));
  return Math.max(1, roundHalfToEven(quotient));
}

/** Tone amplitude for style[0,0] (the style tensor reaches the graph as float32). */
export function fixtureAmplitude(style00: number): number {
  return 0.3 + 0.2 * Math.tanh(Math.fround(style00));
}

/** Frequency in Hz of a token id's tone. */
export function toneHz(id: number): number {
  return BASE_HZ + HZ_PER_ID * id;
}

/** sin(2π·f·j/24000) with the angle reduced exactly in integers first, as the graph does. */
function toneSample(id: number, j: number): number {
  return Math.sin((2 * Math.PI * ((toneHz(id) * j) % SAMPLE_RATE)) / SAMPLE_RATE);
}

/** The audio a fixture model must return for these ids (pads included), speed and style[0,0]. */
export function expectedFixtureAudio(ids: readonly number[], speed: number, style00: number): Float32Array {
  const d = samplesPerToken(speed);
  const amplitude = fixtureAmplitude(style00);
  const out = new Float32Array(ids.length * d);
  ids.forEach((id, i) => {
    if (id === PAD_ID) return;
    for (let j = 0; j < d; j++) out[i * d + j] = amplitude * toneSample(id, j);
  });
  return out;
}

export interface DecodeOptions {
  /** Speed the audio was made with (default 1); ignored when samplesPerToken is given. */
  speed?: number;
  /** Samples per input position, when known directly. */
  samplesPerToken?: number;
  /** A segment whose peak |x| is below this is a pad (default 1e-3). */
  silenceThreshold?: number;
  /**
   * Largest accepted relative fit residual, ‖x − a·template‖ / ‖x‖ (default 0.05). A worse segment is
   * not one clean token tone (garbled, overlapped or misaligned audio) and makes decoding throw.
   */
  maxResidual?: number;
}

export interface DecodedFixtureAudio {
  /** One id per segment of d samples; 0 for a silent segment. */
  ids: number[];
  /** Fitted tone amplitude per segment (0 for pads); compare with fixtureAmplitude(style[0,0]). */
  amplitudes: number[];
  /** Relative fit residual per segment (0 for pads). */
  residuals: number[];
}

interface Templates {
  tones: Float64Array[];
  energies: Float64Array;
}

const templateCache = new Map<number, Templates>();

function templatesFor(d: number): Templates {
  let cached = templateCache.get(d);
  if (!cached) {
    const tones = VALID_IDS.map((id) => Float64Array.from({ length: d }, (_, j) => toneSample(id, j)));
    const energies = Float64Array.from(tones, (t) => t.reduce((sum, v) => sum + v * v, 0));
    cached = { tones, energies };
    templateCache.set(d, cached);
  }
  return cached;
}

/**
 * Decodes fixture audio into one token id per segment of d samples. Each non-silent segment gets the
 * Kokoro id whose tone fits it best by least squares (amplitude free, phase fixed). Int16 PCM is
 * scaled by 1/32768 first. Throws when the length is not a whole number of segments, or a segment
 * fits no tone (see maxResidual).
 */
export function decodeFixtureAudio(samples: Float32Array | Int16Array, opts: DecodeOptions = {}): DecodedFixtureAudio {
  const d = opts.samplesPerToken ?? samplesPerToken(opts.speed ?? 1);
  const silence = opts.silenceThreshold ?? 1e-3;
  const maxResidual = opts.maxResidual ?? 0.05;
  if (!Number.isInteger(d) || d < MIN_DECODABLE_SAMPLES) {
    throw new RangeError(`fixture audio needs at least ${MIN_DECODABLE_SAMPLES} samples per token to decode, got ${d}`);
  }
  if (samples.length % d !== 0) {
    throw new Error(
      `fixture audio length ${samples.length} is not a multiple of ${d} samples per token ` +
        `(${Math.floor(samples.length / d)} whole tokens and ${samples.length % d} samples left over)`,
    );
  }
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  const { tones, energies } = templatesFor(d);
  const segment = new Float64Array(d);
  const result: DecodedFixtureAudio = { ids: [], amplitudes: [], residuals: [] };

  for (let start = 0; start < samples.length; start += d) {
    let peak = 0;
    let energy = 0;
    for (let j = 0; j < d; j++) {
      const x = (samples[start + j] ?? 0) * scale;
      segment[j] = x;
      peak = Math.max(peak, Math.abs(x));
      energy += x * x;
    }
    if (!Number.isFinite(energy)) throw new Error(`fixture audio segment ${start / d} holds a non-finite sample`);
    if (peak < silence) {
      result.ids.push(PAD_ID);
      result.amplitudes.push(0);
      result.residuals.push(0);
      continue;
    }
    // Least squares a = <x,t>/<t,t>; the residual energy is <x,x> − <x,t>²/<t,t>, so the best id maximizes <x,t>²/<t,t>.
    let best = -1;
    let bestScore = -1;
    let bestDot = 0;
    for (let k = 0; k < tones.length; k++) {
      const tone = tones[k] as Float64Array;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (segment[j] as number) * (tone[j] as number);
      const score = (dot * dot) / (energies[k] as number);
      if (score > bestScore) {
        bestScore = score;
        best = k;
        bestDot = dot;
      }
    }
    const id = VALID_IDS[best] as number;
    const residual = Math.sqrt(Math.max(0, energy - bestScore) / energy);
    if (residual > maxResidual) {
      throw new Error(
        `fixture audio segment ${start / d} (samples ${start}..${start + d - 1}) is not a clean token tone: ` +
          `best id ${id} leaves a relative residual of ${residual.toFixed(3)} (limit ${maxResidual})`,
      );
    }
    result.ids.push(id);
    result.amplitudes.push(bestDot / (energies[best] as number));
    result.residuals.push(residual);
  }
  return result;
}

/** The ids without any pads: the phoneme tokens of one or more concatenated model calls. */
export function stripPads(ids: readonly number[]): number[] {
  return ids.filter((id) => id !== PAD_ID);
}

/** Runs of non-pad ids separated by one or more pads (one run per model call when calls are concatenated). */
export function splitOnPads(ids: readonly number[]): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  for (const id of ids) {
    if (id !== PAD_ID) {
      current.push(id);
    } else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** One model call found in seamed audio: where its tones are and what they decode to. */
export interface DecodedCall {
  /** Sample index of the call's first tone (its j = 0 sample) and one past its last. */
  readonly start: number;
  readonly end: number;
  /** Token ids without pads (the pads became the seams' silence). */
  readonly ids: number[];
  readonly amplitudes: number[];
}

/** Consecutive (near-)zero samples that separate two calls; tones never hold zero this long (≥ 140 Hz). */
const MIN_GAP_SAMPLES = 32;

/**
 * Decodes fixture audio after the seams stage: each call's tones, separated from the next call by
 * silence of any length (trimmed pads plus a natural pause). Every call must be a whole number of
 * token segments that fit a tone each; the silence between them is reported by the call positions.
 */
export function decodeFixtureCalls(samples: Float32Array | Int16Array, opts: { speed?: number } = {}): DecodedCall[] {
  const d = samplesPerToken(opts.speed ?? 1);
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  const silent = (i: number): boolean => Math.abs((samples[i] ?? 0) * scale) < 1e-6;
  const calls: DecodedCall[] = [];
  let i = 0;
  while (i < samples.length) {
    while (i < samples.length && silent(i)) i++;
    if (i >= samples.length) break;
    // The first audible sample is j = 1 of the first token: its j = 0 sample is an exact zero.
    const start = Math.max(0, i - 1);
    let end = i;
    let quiet = 0;
    while (end < samples.length && quiet < MIN_GAP_SAMPLES) {
      quiet = silent(end) ? quiet + 1 : 0;
      end++;
    }
    const lastAudible = end - quiet;
    const length = Math.ceil((lastAudible - start) / d) * d;
    const decoded = decodeFixtureAudio(sliceOf(samples, start, start + length), { samplesPerToken: d });
    if (decoded.ids.includes(0)) throw new Error(`call at sample ${start} contains a silent segment`);
    calls.push({ start, end: start + length, ids: decoded.ids, amplitudes: decoded.amplitudes });
    i = Math.max(start + length, lastAudible);
  }
  return calls;
}

function sliceOf(samples: Float32Array | Int16Array, start: number, end: number): Float32Array | Int16Array {
  if (end <= samples.length) return samples.subarray(start, end);
  // The last tone of the stream may end in samples that were below the silence threshold and cut: pad them back.
  const out = samples instanceof Int16Array ? new Int16Array(end - start) : new Float32Array(end - start);
  out.set(samples.subarray(start));
  return out;
}
