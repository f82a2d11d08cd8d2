/**
 * How long a model call takes, learned online from the calls the engine runs: a least-squares line
 * ms = fixed + perId × ids over recent calls (older ones decay), so call sizes follow this machine, this
 * model variant and the current load. Before it has seen calls of two different sizes it knows nothing.
 */
const MIN_PER_ID_MS = 1e-6;

/** The cost line plans are made with (CostModel.forPlanning). */
export interface PlanningCost {
  predictMs(ids: number): number | null;
  idsWithin(ms: number): number | null;
  audioMsPerId(): number | null;
  /** The line itself (null while unknown): what a later start may assume (see providers/calibration.ts). */
  line(): { fixedMs: number; perIdMs: number; audioMsPerId: number | null } | null;
}

export class CostModel {
  // Exponentially decayed sums for the regression of ms on ids.
  private observed = 0;
  private n = 0;
  private sx = 0;
  private sy = 0;
  private sxx = 0;
  private sxy = 0;

  // Decayed mean of the audio a call makes per id (pads included), at speed 1.
  private audioN = 0;
  private audioSum = 0;

  /** A line measured at an earlier start (see assume): used until calls of two sizes give a line of their own. */
  private prior: { fixed: number; perId: number; audio: number | null } | null = null;

  /** The line plans are made with: replaced only when the measured line drifts away from it (see forPlanning). */
  private planning: { fixed: number; perId: number } | null = null;
  private planningAudio: number | null = null;

  constructor(
    private readonly decay = 0.95,
    /** How far (relative) the measured cost of a short and a long call may drift before plans follow it. */
    private readonly drift = 0.2,
  ) {}

  /**
   * One call: `ids` without pads, its inference time, and (when known) the audio it made per id, pads included, at
   * speed 1 — the model's own speaking rate (~75 ms a phoneme for Kokoro; 25 ms for the test fixtures).
   */
  observe(ids: number, ms: number, audioMsPerId?: number): void {
    if (!Number.isFinite(ms) || ms < 0 || ids <= 0) return;
    const d = this.decay;
    if (audioMsPerId !== undefined && Number.isFinite(audioMsPerId) && audioMsPerId > 0) {
      this.audioN = this.audioN * d + 1;
      this.audioSum = this.audioSum * d + audioMsPerId;
    }
    this.observed++;
    this.n = this.n * d + 1;
    this.sx = this.sx * d + ids;
    this.sy = this.sy * d + ms;
    this.sxx = this.sxx * d + ids * ids;
    this.sxy = this.sxy * d + ids * ms;
  }

  /**
   * Starts from a line measured before (the last start with the same model, machine, threads and provider): until
   * calls of two sizes are seen, predictions and plans use it, and plans follow the level of the calls measured
   * since (forPlanning), so one short call today is enough to correct it for a slower or busier machine.
   */
  assume(line: { fixedMs: number; perIdMs: number; audioMsPerId: number | null }): void {
    if (!(line.perIdMs > 0) || !(line.fixedMs >= 0)) return;
    this.prior = { fixed: line.fixedMs, perId: Math.max(MIN_PER_ID_MS, line.perIdMs), audio: line.audioMsPerId };
  }

  /** Predicted milliseconds for a call of `ids` ids, or null while the model has too little to go on. */
  predictMs(ids: number): number | null {
    const line = this.line();
    return line ? Math.max(0, line.fixed + line.perId * ids) : null;
  }

  /** The largest call predicted to finish within `ms`, or null when unknown. */
  idsWithin(ms: number): number | null {
    const line = this.line();
    if (!line) return null;
    return Math.floor((ms - line.fixed) / line.perId);
  }

  /**
   * The cost to plan calls with: the first line measured (at start-up: the probe and the warm-up, two sizes), held
   * still until the recent calls' cost moves more than `drift` away from it, and then scaled to their level. Every call the engine runs feeds the measured line, so planning with it directly would
   * make the plan of the same text differ from run to run (and near real time, swing between many tiny calls and a
   * few long ones); held still, the same text on the same machine is planned the same way.
   */
  forPlanning(): PlanningCost {
    if (!this.planning) this.planning = this.line();
    // (A measured line passes through the mean of its calls, so a fresh one is at level 1; a prior line is not.)
    if (this.planning && this.n > 0) {
      // Follow the level, never the slope: the level of the recent calls is well measured whatever their sizes,
      // the slope is not when they are all about the same size (sentence calls of ~150 ids), where noise can fit
      // a nearly flat line and a first call would be planned as if length were free.
      const level = this.sy / this.n / Math.max(1e-9, this.planning.fixed + this.planning.perId * (this.sx / this.n));
      if (Math.abs(level - 1) > this.drift) this.planning = { fixed: this.planning.fixed * level, perId: this.planning.perId * level };
    }
    const audio = this.audioMsPerId();
    if (audio !== null && (this.planningAudio === null || Math.abs(audio - this.planningAudio) > this.drift * this.planningAudio)) this.planningAudio = audio;
    const held = this.planning;
    const heldAudio = this.planningAudio;
    return {
      predictMs: (ids) => (held ? Math.max(0, held.fixed + held.perId * ids) : null),
      idsWithin: (ms) => (held ? Math.floor((ms - held.fixed) / held.perId) : null),
      audioMsPerId: () => heldAudio,
      line: () => (held ? { fixedMs: held.fixed, perIdMs: held.perId, audioMsPerId: heldAudio } : null),
    };
  }

  /** The audio a call makes per id at speed 1 (pads included), as measured; null before any call. */
  audioMsPerId(): number | null {
    return this.audioN > 0 ? this.audioSum / this.audioN : (this.prior?.audio ?? null);
  }

  /** The fitted line, for /status: null while unknown. */
  snapshot(): { calls: number; fixedMs: number; perIdMs: number; audioMsPerId: number | null } | null {
    const line = this.line();
    const audio = this.audioMsPerId();
    return line
      ? { calls: this.observed, fixedMs: Number(line.fixed.toFixed(3)), perIdMs: Number(line.perId.toFixed(4)), audioMsPerId: audio === null ? null : Number(audio.toFixed(2)) }
      : null;
  }

  private line(): { fixed: number; perId: number } | null {
    const variance = this.n * this.sxx - this.sx * this.sx;
    if (this.observed < 2 || variance <= 1e-9 * this.n * this.sxx) return this.prior ? { fixed: this.prior.fixed, perId: this.prior.perId } : null;
    // Noise can make a tiny per-id cost look negative: then length does not measurably matter.
    const perId = Math.max(MIN_PER_ID_MS, (this.n * this.sxy - this.sx * this.sy) / variance);
    return { fixed: Math.max(0, (this.sy - perId * this.sx) / this.n), perId };
  }
}

