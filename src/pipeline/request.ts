import { z } from "zod";
import { AUDIO_FORMATS, isAudioFormat, type AudioFormat } from "../audio/encoders/index.js";
import type { Lang } from "../text/lang.js";
import { SpeechInputError } from "./errors.js";

/** Model names a client may send; all of them run Kokoro-82M. OpenAI's names keep clients working unchanged. */
export const MODEL_IDS = ["kokoro", "kokoro-82m", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"] as const;

/** OpenAI's formats; mp3 is its default. Whether this machine's ffmpeg can write one is checked by openSpeech. */
export const SUPPORTED_FORMATS = AUDIO_FORMATS;
export type ResponseFormat = AudioFormat;

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4.0;
export const MIN_VOLUME = 0;
export const MAX_VOLUME = 4;

export interface SpeechRequest {
  readonly model: string;
  readonly input: string;
  /** The voice as sent: a name, an OpenAI alias or a blend; resolved against the loaded voices later. */
  readonly voice: string;
  readonly format: ResponseFormat;
  readonly speed: number;
  /** null when the client did not say: the voice's language decides. */
  readonly lang: Lang | null;
  /** Write audio as each model call finishes (chunked), or one complete file with exact sizes. */
  readonly stream: boolean;
  /** "audio": the bytes of the file; "sse": OpenAI's server-sent events with base64 audio (always streamed). */
  readonly streamFormat: "audio" | "sse";
  /** Linear gain on the audio (1 = as the model made it), clipped before int16. */
  readonly volume: number;
}

const bodySchema = z.object({
  model: z.string().optional(),
  input: z.string({ error: "input must be a string" }),
  voice: z.union([z.string(), z.object({ id: z.string() })], { error: "voice must be a string or {\"id\": string}" }).optional(),
  response_format: z.string({ error: "response_format must be a string" }).optional(),
  speed: z.number({ error: "speed must be a number" }).optional(),
  instructions: z.string({ error: "instructions must be a string" }).optional(),
  volume: z.number({ error: "volume must be a number" }).optional(),
  stream_format: z.string({ error: "stream_format must be a string" }).optional(),
  lang: z.string({ error: "lang must be a string" }).optional(),
  stream: z.boolean({ error: "stream must be true or false" }).optional(),
});

/** `en`, `en-us`, `en_US`, `a` → en-us; `en-gb`, `b` → en-gb; undefined → null; anything else is a 400. */
export function parseLang(value: string | undefined): Lang | null {
  if (value === undefined) return null;
  const v = value.toLowerCase().replace("_", "-");
  if (v === "en" || v === "en-us" || v === "a") return "en-us";
  if (v === "en-gb" || v === "b") return "en-gb";
  throw new SpeechInputError(`unsupported lang '${value}'; use en-us or en-gb`, "invalid_value", "lang");
}

/**
 * Validates an OpenAI speech body (HTTP, a WebSocket `start`, the CLI's flags). Everything a client can get wrong
 * in the fields themselves is a SpeechInputError here, before any work starts; the voice and the encoder are
 * checked against what is loaded and installed by openSpeech.
 */
export function parseSpeechRequest(body: unknown, opts: { maxInputChars: number; defaultVoice: string }): SpeechRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SpeechInputError("request body must be a JSON object", "invalid_json");
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.length > 0 ? String(issue.path[0]) : null;
    const missing = param !== null && !Object.hasOwn(body, param);
    const message = missing ? `${param} is required` : issue.message;
    throw new SpeechInputError(message, "invalid_value", param);
  }
  const b = parsed.data;

  const model = b.model ?? "kokoro";
  if (!(MODEL_IDS as readonly string[]).includes(model)) {
    throw new SpeechInputError(`unknown model '${model}'; use one of: ${MODEL_IDS.join(", ")}`, "model_not_found", "model");
  }
  if (b.input.trim().length === 0) throw new SpeechInputError("input is empty", "empty_input", "input");
  const chars = [...b.input].length;
  if (chars > opts.maxInputChars) {
    throw new SpeechInputError(`input is ${chars} characters; the limit is ${opts.maxInputChars}`, "input_too_long", "input");
  }

  const format = b.response_format ?? "mp3";
  if (!isAudioFormat(format)) {
    throw new SpeechInputError(`unsupported response_format '${format}'; use one of: ${SUPPORTED_FORMATS.join(", ")}`, "unsupported_format", "response_format");
  }

  const speed = b.speed ?? 1;
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new SpeechInputError(`speed must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${speed}`, "invalid_value", "speed");
  }

  const volume = b.volume ?? 1;
  if (!Number.isFinite(volume) || volume < MIN_VOLUME || volume > MAX_VOLUME) {
    throw new SpeechInputError(`volume must be between ${MIN_VOLUME} and ${MAX_VOLUME}, got ${volume}`, "invalid_value", "volume");
  }

  const streamFormat = b.stream_format ?? "audio";
  if (streamFormat !== "audio" && streamFormat !== "sse") {
    throw new SpeechInputError(`unsupported stream_format '${streamFormat}'; use "audio" or "sse"`, "unsupported_format", "stream_format");
  }

  const voice = (typeof b.voice === "object" ? b.voice.id : b.voice) ?? opts.defaultVoice;
  if (voice.trim().length === 0) throw new SpeechInputError("voice is empty", "invalid_value", "voice");

  return { model, input: b.input, voice: voice.trim(), format, speed, lang: parseLang(b.lang), stream: b.stream ?? true, streamFormat, volume };
}
