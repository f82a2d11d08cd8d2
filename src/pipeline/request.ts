import { z } from "zod";
import { AUDIO_FORMATS, type AudioFormat } from "../audio/encoders/index.js";
import { LANG_CODES, langFromCode, type Lang } from "../text/lang.js";
import { SpeechInputError } from "./errors.js";
import { NORMALIZATION_CLASSES, type NormalizationSwitches } from "../text/normalization-options.js";
import { INPUT_FORMATS, type InputFormat } from "./script/input-formats.js";

/** Model names a client may send; all of them run Kokoro-82M. OpenAI's names keep clients working unchanged. */
export const MODEL_IDS = ["kokoro", "kokoro-82m", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"] as const;

/** OpenAI's formats; mp3 is its default. Whether this machine's ffmpeg can write one is checked by openSpeech. */
export const SUPPORTED_FORMATS = AUDIO_FORMATS;
/** Subtitle formats a request may ask for instead of audio (captions/ writes them). */
export const CAPTION_FORMATS = ["srt", "vtt"] as const;
export type CaptionFormat = (typeof CAPTION_FORMATS)[number];

/** What `response_format` takes: an audio format, or subtitles (captions/). */
export const RESPONSE_FORMATS = [...AUDIO_FORMATS, ...CAPTION_FORMATS] as const;
const isCaptionFormat = (f: string): f is CaptionFormat => (CAPTION_FORMATS as readonly string[]).includes(f);
export type ResponseFormat = AudioFormat;

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4.0;
export const MIN_VOLUME = 0;
export const MAX_VOLUME = 4;

export interface SpeechRequest {
  readonly model: string;
  readonly input: string;
  /** How `input` is written; undefined: text, or SSML when it starts with `<speak` (pipeline/script/compile.ts). */
  readonly inputFormat: InputFormat | undefined;
  /** The voice as sent: a name, an OpenAI alias or a blend; resolved against the loaded voices later. */
  readonly voice: string;
  readonly format: ResponseFormat;
  /** response_format srt or vtt: subtitles instead of audio (`format` is then pcm, never sent). */
  readonly captions: CaptionFormat | null;
  /** JSON with base64 audio, word and sentence timings (stream false only). */
  readonly timestamps: boolean;
  readonly speed: number;
  /** The client set `speed` (false: it is the default 1, and a voice preset's own speed applies instead). */
  readonly explicitSpeed: boolean;
  /** null when the client did not say: the voice's language decides. */
  readonly lang: Lang | null;
  /** Write audio as each model call finishes (chunked), or one complete file with exact sizes. */
  readonly stream: boolean;
  /** "audio": the bytes of the file; "sse": OpenAI's server-sent events with base64 audio (always streamed). */
  readonly streamFormat: "audio" | "sse";
  /** Linear gain on the audio (1 = as the model made it), clipped before int16. */
  readonly volume: number;
  /** Normalizer classes switched on or off (`normalization`); all on by default. */
  readonly normalization: NormalizationSwitches;
}

const STREAM_FORMATS = ["audio", "sse"] as const;

/** A message for a field of a fixed set: its own wording when the value is a string outside the set. */
const oneOf = (field: string, values: readonly string[]) => (issue: { input?: unknown }) =>
  typeof issue.input === "string" ? `unsupported ${field} '${issue.input}'; use one of: ${values.join(", ")}` : `${field} must be a string`;

/** A number field with bounds, and its two messages (each bound's check carries its own, so both need one). */
function bounded(field: string, min: number, max: number) {
  const error = (issue: { code?: string; input?: unknown }): string =>
    issue.code === "invalid_type" ? `${field} must be a number` : `${field} must be between ${min} and ${max}, got ${String(issue.input)}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/** `normalization`: each of the normalizer's classes switched on (default) or off, like Kokoro-FastAPI's `normalization_options`. */
export const normalizationSchema = z
  .strictObject(
    Object.fromEntries(NORMALIZATION_CLASSES.map((c) => [c, z.boolean({ error: `normalization.${c} must be true or false` }).optional()])) as Record<
      (typeof NORMALIZATION_CLASSES)[number],
      z.ZodOptional<z.ZodBoolean>
    >,
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `normalization has no ${issue.keys.map((k) => `'${k}'`).join(", ")}; use ${NORMALIZATION_CLASSES.join(", ")}`
          : `normalization must be an object of ${NORMALIZATION_CLASSES.join(", ")} (each true or false)`,
    },
  )
  .describe("Normalizer classes to switch off (false) or on (true, the default): urls, emails, units, phone_numbers, markdown, symbols.");

/**
 * The shape of OpenAI's speech body: the one source of truth for its validation (here, for the WebSocket and
 * the CLI; through Fastify for HTTP) and for its JSON schema in the OpenAPI document. What depends on the
 * configuration or on what is loaded (length limit, voices, encoders) is checked after it.
 */
export const speechBodySchema = z.object(
  {
    model: z.string().optional().describe(`Any of ${MODEL_IDS.join(", ")}; all run Kokoro-82M (default kokoro).`),
    input: z.string({ error: "input must be a string" }).describe("The text to speak (at most maxInputChars characters)."),
    voice: z
      .union([z.string(), z.object({ id: z.string() })], { error: 'voice must be a string or {"id": string}' })
      .optional()
      .describe("A Kokoro voice (af_heart), an OpenAI name (alloy), a blend (af_bella(2)+af_sky, af_bella-af_sky(0.3)) or a preset from voicePresets; default: the server's defaultVoice."),
    response_format: z
      .enum(RESPONSE_FORMATS, { error: oneOf("response_format", RESPONSE_FORMATS) })
      .optional()
      .describe("Audio format (default mp3), or srt / vtt: subtitles timed to the audio this request would make."),
    timestamps: z
      .boolean({ error: "timestamps must be true or false" })
      .optional()
      .describe('With stream false: JSON {audio (base64), format, words [{word, start, end}], segments [{text, start, end}]}.'),
    speed: bounded("speed", MIN_SPEED, MAX_SPEED).optional().describe("1 = the voice's own pace (default: a preset's speed, else 1)."),
    instructions: z.string({ error: "instructions must be a string" }).optional().describe("Accepted for OpenAI compatibility; ignored."),
    volume: bounded("volume", MIN_VOLUME, MAX_VOLUME).optional().describe("Linear gain (1 = as the model made it)."),
    stream_format: z
      .enum(STREAM_FORMATS, { error: oneOf("stream_format", STREAM_FORMATS) })
      .optional()
      .describe("audio: the file's bytes; sse: server-sent events with base64 audio and word timings."),
    lang: z.string({ error: "lang must be a string" }).optional().describe("en-us (en, a), en-gb (b), es (e), fr-fr (fr, f), hi (h), it (i), ja (j), pt-br (pt, p) or zh (cmn, z); default: the voice's language."),
    input_format: z
      .enum(INPUT_FORMATS, { error: oneOf("input_format", INPUT_FORMATS) })
      .optional()
      .describe("text (inline [pause:1s] [voice:…] [rate:1.2] tags allowed), ssml, or phonemes (Kokoro's); default: text, or ssml when input starts with <speak."),
    stream: z.boolean({ error: "stream must be true or false" }).optional().describe("Send audio as it is made (default true) or one file with exact sizes."),
    normalization: normalizationSchema.optional(),
  },
  { error: "request body must be a JSON object" },
);

/** Fields whose value lies outside a fixed set get a code of their own (OpenAI's clients may look at it). */
const OUT_OF_SET_CODES: Readonly<Record<string, string>> = { response_format: "unsupported_format", stream_format: "unsupported_format" };

/** What zod says about a request field (from a zod error, or from Fastify's validation of a route's schema). */
export interface FieldIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The input error for the first thing wrong with a JSON body's shape: not an object (`invalid_json`), a required
 * field missing (`<field> is required`), or the field's own message. `body` is the body as sent.
 */
export function fieldIssueError(issue: FieldIssue, body: unknown): SpeechInputError {
  if (issue.path.length === 0) return new SpeechInputError("request body must be a JSON object", "invalid_json");
  // A field of an array's item (a dialogue turn's lang) is named in full: `turns[1].lang`.
  const [top, index, field] = issue.path;
  if (field !== undefined && /^\d+$/u.test(String(index))) {
    const item = `${String(top)}[${String(index)}].${String(field)}`;
    return new SpeechInputError(`${item}: ${issue.message}`, "invalid_value", item);
  }
  const param = String(issue.path[0]);
  const missing = typeof body === "object" && body !== null && !Object.hasOwn(body, param);
  if (missing) return new SpeechInputError(`${param} is required`, "invalid_value", param);
  const code = issue.code === "invalid_value" ? (OUT_OF_SET_CODES[param] ?? "invalid_value") : "invalid_value";
  return new SpeechInputError(issue.message, code, param);
}

/**
 * A client's `lang`: `en-us en-gb es fr fr-fr hi it ja pt pt-br zh cmn` in any case, `_` or `-`, or Kokoro's one-letter
 * codes `a b e f h i j p z` (`en` means en-us); undefined → null (the voice decides); anything else is a 400 that
 * lists them.
 */
export function parseLang(value: string | undefined): Lang | null {
  if (value === undefined) return null;
  const lang = langFromCode(value);
  if (lang === undefined) throw new SpeechInputError(`unsupported lang '${value}'; use one of: ${LANG_CODES.join(", ")}`, "invalid_value", "lang");
  return lang;
}

/**
 * Validates an OpenAI speech body (HTTP, a WebSocket `start`, the CLI's flags). Everything a client can get wrong
 * in the fields themselves is a SpeechInputError here, before any work starts; the voice and the encoder are
 * checked against what is loaded and installed by openSpeech.
 */
export function parseSpeechRequest(body: unknown, opts: { maxInputChars: number; defaultVoice: string }): SpeechRequest {
  const parsed = speechBodySchema.safeParse(body);
  if (!parsed.success) throw fieldIssueError(parsed.error.issues[0]!, body);
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

  const requested = b.response_format ?? "mp3";
  const captions = isCaptionFormat(requested) ? requested : null;
  // Captions need no encoder: the speech is made as PCM and only its timings are kept.
  const format: AudioFormat = captions === null ? (requested as AudioFormat) : "pcm";
  const timestamps = b.timestamps ?? false;
  if (timestamps && (b.stream === true || b.stream_format === "sse")) {
    throw new SpeechInputError("timestamps need a whole file: send stream false (stream_format sse already carries word timings)", "invalid_value", "timestamps");
  }
  if (timestamps && captions !== null) throw new SpeechInputError(`timestamps come with audio; response_format ${captions} is subtitles already`, "invalid_value", "timestamps");
  // Subtitles are one whole file, timed once all the audio is known: neither SSE nor a stream can carry them.
  if (captions !== null && b.stream_format === "sse") {
    throw new SpeechInputError(`response_format ${captions} is a whole subtitle file and cannot be sent as stream_format sse (its speech.audio.words events carry the timings); drop one of them`, "invalid_value", "stream_format");
  }
  if (captions !== null && b.stream === true) {
    throw new SpeechInputError(`response_format ${captions} is a whole subtitle file and cannot be streamed; send stream false or leave stream out`, "invalid_value", "stream");
  }
  const speed = b.speed ?? 1;
  const volume = b.volume ?? 1;
  const streamFormat = b.stream_format ?? "audio";

  const voice = (typeof b.voice === "object" ? b.voice.id : b.voice) ?? opts.defaultVoice;
  if (voice.trim().length === 0) throw new SpeechInputError("voice is empty", "invalid_value", "voice");

  return { model, input: b.input, inputFormat: b.input_format, voice: voice.trim(), format, speed, explicitSpeed: b.speed !== undefined, lang: parseLang(b.lang), stream: timestamps || captions !== null ? false : (b.stream ?? true), streamFormat, volume, normalization: b.normalization ?? {}, captions, timestamps };
}
