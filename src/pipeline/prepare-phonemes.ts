import { performance } from "node:perf_hooks";
import { phonemePieces } from "./script/phoneme-pieces.js";
import { NothingToSpeakError } from "./errors.js";
import { callPlanner, type CallPlanning, type PreparedSpeech, type SpeechJob } from "./speech.js";

/**
 * Phonemes given as input (`job.text`, already checked against the vocabulary) → model calls, planned like a text's:
 * the same planner and sizing, so the first call fits the first-audio budget. No front-end work: all calls are
 * planned at once, in one pass.
 */
export function preparePhonemes(job: SpeechJob, planning?: CallPlanning): PreparedSpeech {
  const started = performance.now();
  const chunks = callPlanner(job, planning).add(phonemePieces(job.text), true);
  if (chunks.length === 0) throw new NothingToSpeakError("input has nothing to speak");
  return { job, chunks, later: null, g2pMs: performance.now() - started };
}
