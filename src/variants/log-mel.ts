// Log-mel spectral distance between two renderings of the same speech (e.g. a quantized model variant vs
// fp32): the check the reference project does in Python with librosa, written out here.
//
// Spectrogram: Hann window of nFft samples, hop samples apart, centred frames (nFft/2 zeros at each end);
// power spectrum through `mels` triangular filters evenly spaced on the HTK mel scale (mel = 2595·log10(1 +
// f/700)) from fMin to fMax; 10·log10(power), floored at 1e-10. Defaults suit 24 kHz speech: n_fft 1024
// (43 ms), hop 256 (10.7 ms), 80 bands, 0–12 kHz.
//
// Distance: both spectrograms are floored at (loudest cell of either) − topDb (80 dB, as librosa's top_db),
// so near-silence does not dominate; then the mean absolute difference in dB per cell along the best
// alignment of their frames (dynamic time warping within a band), since variants may place a phoneme a
// frame or two differently. Identical audio is 0 dB; audibly different speech is typically several dB.

import { SAMPLE_RATE } from "../model/contract.js";

export interface LogMelOptions {
  readonly sampleRate?: number;
  readonly nFft?: number;
  readonly hop?: number;
  readonly mels?: number;
  readonly fMin?: number;
  readonly fMax?: number;
}

export interface LogMelSpectrogram {
  readonly frames: number;
  readonly mels: number;
  /** frames × mels, row-major, in dB. */
  readonly db: Float32Array;
}

interface Settings {
  sampleRate: number;
  nFft: number;
  hop: number;
  mels: number;
  fMin: number;
  fMax: number;
}

function settings(options: LogMelOptions): Settings {
  const sampleRate = options.sampleRate ?? SAMPLE_RATE;
  const nFft = options.nFft ?? 1024;
  if (!Number.isInteger(Math.log2(nFft))) throw new RangeError(`nFft must be a power of two, got ${nFft}`);
  return { sampleRate, nFft, hop: options.hop ?? 256, mels: options.mels ?? 80, fMin: options.fMin ?? 0, fMax: options.fMax ?? sampleRate / 2 };
}

/** In-place iterative radix-2 FFT of (re, im). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const step = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k++) {
        const wr = Math.cos(step * k);
        const wi = Math.sin(step * k);
        const a = start + k;
        const b = a + size / 2;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

const filterbanks = new Map<string, Float64Array[]>();

/** One weight row (nFft/2 + 1 bins) per mel band. */
function melFilterbank(s: Settings): Float64Array[] {
  const key = `${s.sampleRate}/${s.nFft}/${s.mels}/${s.fMin}/${s.fMax}`;
  const cached = filterbanks.get(key);
  if (cached) return cached;
  const bins = s.nFft / 2 + 1;
  const low = hzToMel(s.fMin);
  const high = hzToMel(s.fMax);
  const edges = Array.from({ length: s.mels + 2 }, (_, i) => melToHz(low + ((high - low) * i) / (s.mels + 1)));
  const bank = Array.from({ length: s.mels }, (_, m) => {
    const [left, centre, right] = [edges[m]!, edges[m + 1]!, edges[m + 2]!];
    const row = new Float64Array(bins);
    for (let k = 0; k < bins; k++) {
      const hz = (k * s.sampleRate) / s.nFft;
      row[k] = Math.max(0, Math.min((hz - left) / (centre - left), (right - hz) / (right - centre)));
    }
    return row;
  });
  filterbanks.set(key, bank);
  return bank;
}

export function logMelSpectrogram(audio: Float32Array, options: LogMelOptions = {}): LogMelSpectrogram {
  const s = settings(options);
  const bank = melFilterbank(s);
  const half = s.nFft / 2;
  const frames = 1 + Math.floor(audio.length / s.hop);
  const window = Float64Array.from({ length: s.nFft }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / s.nFft));
  const db = new Float32Array(frames * s.mels);
  const re = new Float64Array(s.nFft);
  const im = new Float64Array(s.nFft);
  const power = new Float64Array(half + 1);
  for (let f = 0; f < frames; f++) {
    const start = f * s.hop - half;
    for (let i = 0; i < s.nFft; i++) {
      re[i] = (audio[start + i] ?? 0) * window[i]!;
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k <= half; k++) power[k] = re[k]! * re[k]! + im[k]! * im[k]!;
    for (let m = 0; m < s.mels; m++) {
      const row = bank[m]!;
      let sum = 0;
      for (let k = 0; k <= half; k++) sum += row[k]! * power[k]!;
      db[f * s.mels + m] = 10 * Math.log10(Math.max(sum, 1e-10));
    }
  }
  return { frames, mels: s.mels, db };
}

export interface LogMelDistanceOptions extends LogMelOptions {
  /** Dynamic range kept below the loudest cell of either spectrogram (default 80 dB). */
  readonly topDb?: number;
  /** "dtw" (default) aligns frames first; "none" compares frame i with frame i over the shorter length. */
  readonly alignment?: "dtw" | "none";
}

export interface LogMelDistance {
  /** Mean absolute difference per mel cell along the alignment, in dB. */
  readonly meanAbsDb: number;
  readonly framesA: number;
  readonly framesB: number;
}

export function logMelDistance(a: Float32Array, b: Float32Array, options: LogMelDistanceOptions = {}): LogMelDistance {
  const A = logMelSpectrogram(a, options);
  const B = logMelSpectrogram(b, options);
  const floor = Math.max(max(A.db), max(B.db)) - (options.topDb ?? 80);
  const cost = (i: number, j: number): number => {
    let sum = 0;
    for (let m = 0; m < A.mels; m++) {
      sum += Math.abs(Math.max(A.db[i * A.mels + m]!, floor) - Math.max(B.db[j * B.mels + m]!, floor));
    }
    return sum / A.mels;
  };
  const meanAbsDb = options.alignment === "none" ? diagonalMean(A.frames, B.frames, cost) : dtwMean(A.frames, B.frames, cost);
  return { meanAbsDb, framesA: A.frames, framesB: B.frames };
}

function max(values: Float32Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > m) m = v;
  return m;
}

function diagonalMean(n: number, m: number, cost: (i: number, j: number) => number): number {
  const len = Math.min(n, m);
  let sum = 0;
  for (let i = 0; i < len; i++) sum += cost(i, i);
  return len === 0 ? 0 : sum / len;
}

/**
 * Dynamic time warping (steps right, down, diagonal) within a band around the diagonal wide enough for the
 * length difference plus 10%; returns the summed cost of the best path divided by its number of cells.
 */
function dtwMean(n: number, m: number, cost: (i: number, j: number) => number): number {
  const band = Math.abs(n - m) + Math.ceil(0.1 * Math.max(n, m)) + 2;
  const total = new Float64Array(n * m).fill(Number.POSITIVE_INFINITY);
  const steps = new Uint32Array(n * m);
  for (let i = 0; i < n; i++) {
    const centre = Math.round((i * (m - 1)) / Math.max(1, n - 1));
    for (let j = Math.max(0, centre - band); j <= Math.min(m - 1, centre + band); j++) {
      const c = cost(i, j);
      if (i === 0 && j === 0) {
        total[0] = c;
        steps[0] = 1;
        continue;
      }
      let best = Number.POSITIVE_INFINITY;
      let from = -1;
      for (const [di, dj] of [[1, 1], [1, 0], [0, 1]] as const) {
        const pi = i - di;
        const pj = j - dj;
        if (pi < 0 || pj < 0) continue;
        const t = total[pi * m + pj]!;
        if (t < best) {
          best = t;
          from = pi * m + pj;
        }
      }
      if (from === -1) continue;
      total[i * m + j] = best + c;
      steps[i * m + j] = steps[from]! + 1;
    }
  }
  const end = (n - 1) * m + (m - 1);
  return total[end]! / steps[end]!;
}
