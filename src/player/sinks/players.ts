import { SAMPLE_RATE } from "../../model/contract.js";

/** A command-line player that reads raw s16le mono at 24 kHz on stdin. */
export interface PlayerCommand {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Roughly how long audio takes from its stdin to the speaker (its device buffer); the clock allows for it. */
  readonly latencyMs: number;
}

const rate = String(SAMPLE_RATE);

/** Every player we know, each told to keep its own buffer small (so pause and stop act at once). */
export const PLAYERS: Readonly<Record<string, PlayerCommand>> = {
  ffplay: {
    name: "ffplay",
    command: "ffplay",
    // No probing of the raw input (it would hold back the first second), no window, quiet unless it fails.
    args: ["-nodisp", "-autoexit", "-loglevel", "error", "-fflags", "nobuffer", "-probesize", "32", "-analyzeduration", "0",
      "-f", "s16le", "-ar", rate, "-ac", "1", "-i", "-"],
    latencyMs: 80,
  },
  play: {
    name: "play",
    command: "play",
    args: ["-q", "--buffer", "1024", "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-r", rate, "--endian", "little", "-"],
    latencyMs: 60,
  },
  aplay: {
    name: "aplay",
    command: "aplay",
    args: ["-q", "-t", "raw", "-f", "S16_LE", "-r", rate, "-c", "1", "--buffer-time=100000", "-"],
    latencyMs: 100,
  },
  paplay: {
    name: "paplay",
    command: "paplay",
    args: ["--raw", "--format=s16le", `--rate=${rate}`, "--channels=1", "--latency-msec=60"],
    latencyMs: 60,
  },
};

/** `sox` is the package; `play` its player. */
export const PLAYER_ALIASES: Readonly<Record<string, string>> = { sox: "play" };

/**
 * The order `auto` tries players in. macOS: sox's `play` (CoreAudio), then ffplay. Linux: PulseAudio /
 * PipeWire's `paplay` first (it shares the desktop's mixer), then ffplay, sox, and plain ALSA.
 */
export function autoOrder(platform: NodeJS.Platform): readonly string[] {
  if (platform === "darwin") return ["play", "ffplay"];
  if (platform === "win32") return ["ffplay"];
  return ["paplay", "ffplay", "play", "aplay"];
}
