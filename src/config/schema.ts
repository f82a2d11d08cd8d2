import os from "node:os";
import { z } from "zod";
import { LANG_CODES, langFromCode, type Lang } from "../text/lang.js";

/** The default `ttfaTargetMs`: on 2 cores the Kokoro-82M cost (~22 ms per id) gives a first call of ~18 ids (3–4 words). */
export const DEFAULT_TTFA_TARGET_MS = 500;
/**
 * The default `maxCallIds`: the size sentence packing already stops at (SENTENCE_PACK_IDS in plan/), so a long
 * sentence makes no larger call than packing does. ONNX Runtime's arena keeps the largest call's working memory
 * (~1.7 MB per id on the Kokoro-82M shape): 160 ids keep one worker's server under ~1 GB (the README's memory
 * section has each size's cost); a sentence past ~35 words is cut at a clause.
 */
export const DEFAULT_MAX_CALL_IDS = 160;

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
/** A list from a JSON array or a comma-separated string (environment variables). */
const stringList = z.union([
  z.array(z.string().min(1)),
  z.string().transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s.length > 0)),
]);
/** A named voice preset: a voice or blend, or one with its own speed. */
const voicePreset = z.union([
  z.string().min(1),
  z.object({ voice: z.string().min(1), speed: z.number().min(0.25).max(4).optional() }).strict(),
]);
/** A setting given as JSON text (an environment variable) parsed; anything else as it is. */
const fromJsonText = (v: unknown): unknown => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v; // not JSON: the schema's own check says what is expected
  }
};
/** Presets by name, from a JSON object (config file) or JSON text (KOKORO_VOICE_PRESETS). */
const voicePresets = z.preprocess(fromJsonText, z.record(z.string(), voicePreset));
/** A language as `lang` accepts it (en-gb, fr, b, …), as the language itself. */
const langCode = z.string().transform((code, ctx) => {
  const lang = langFromCode(code);
  if (lang === undefined) ctx.addIssue({ code: "custom", message: `'${code}' is not a language; use one of ${LANG_CODES.join(", ")}` });
  return lang ?? z.NEVER;
});
/** Custom voices' languages by voice name, from a JSON object or JSON text (KOKORO_CUSTOM_VOICE_LANGUAGES). */
const customVoiceLanguages = z.preprocess(fromJsonText, z.record(z.string(), langCode));
/**
 * Languages loaded in the background after start-up: "background" (every one), "lazy" (none: each on its first
 * request), or a list of languages (a JSON array, or comma-separated text).
 */
const preloadLanguages = z.unknown().transform((value, ctx): "background" | "lazy" | Lang[] => {
  const words = typeof value === "string" ? value.split(",").map((s) => s.trim()).filter((s) => s !== "") : value;
  if (Array.isArray(words) && words.every((w): w is string => typeof w === "string")) {
    if (words.length === 1 && (words[0] === "background" || words[0] === "lazy")) return words[0];
    const langs = words.map((w) => langFromCode(w));
    if (langs.every((l): l is Lang => l !== undefined)) return langs;
  }
  ctx.addIssue({ code: "custom", message: `must be "background", "lazy" or a list of languages (${LANG_CODES.join(", ")})` });
  return z.NEVER;
});
const bool = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => ["true", "1", "yes"].includes(v))]);

/** Every setting, with its default. Keys are what a config file uses; README lists env and flags. */
export const configSchema = z
  .object({
    host: z.string().min(1).default("127.0.0.1"),
    port: port.default(8880),
    /** A Kokoro ONNX file; when unset the asset manager provides `variant` from the cache. */
    model: z.string().min(1).optional(),
    /** A folder of voice `.bin` files or a `voices-v1.0.bin` `.npz`; unset = from the cache. */
    voices: z.string().min(1).optional(),
    variant: z.string().min(1).optional(),
    /** Download missing assets on first `serve`. */
    autoDownload: bool.default(true),
    /** Asset cache; unset = $KOKORO_HOME, else the XDG cache dir. */
    cacheDir: z.string().min(1).optional(),
    /** Folder with misaki's us_gold/us_silver/gb_gold/gb_silver.json; unset = from the cache (downloaded if missing). */
    lexicons: z.string().min(1).optional(),
    /** A JSON user lexicon (word → phonemes, per language), reloaded when it changes. */
    userLexicon: z.string().min(1).optional(),
    /** Markdown code blocks: skipped, or read as plain text. */
    codeBlocks: z.enum(["skip", "read"]).default("skip"),
    /** Which languages' front-ends load in the background once the server is ready (the default voice's loads at start-up). */
    preloadLanguages: preloadLanguages.default("background"),
    defaultVoice: z.string().min(1).default("af_heart"),
    /** A folder of the user's own `<name>.bin` voices (e.g. from `kokoro voices blend`), loaded with the others. */
    customVoices: z.string().min(1).optional(),
    /** The language of each custom voice whose name does not start with a Kokoro prefix (default en-us): `{"narrator": "en-gb"}`. */
    customVoiceLanguages: customVoiceLanguages.default({}),
    /** Named voices: `{"narrator": "af_bella(2)+af_sky", "grandpa": {"voice": "am_adam", "speed": 0.85}}`. */
    voicePresets: voicePresets.default({}),
    maxInputChars: positiveInt.default(10_000),
    bodyLimitBytes: positiveInt.default(1024 * 1024),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Inference workers (each a thread with its own ONNX Runtime session). Default: one per 4 cores, at least 1. */
    workers: positiveInt.default(Math.max(1, Math.floor(os.availableParallelism() / 4))),
    /** ONNX Runtime intra-op threads per worker. Default: the cores divided among the workers. */
    intraOpThreads: positiveInt.optional(),
    /** Silence between model calls by the boundary they end on (milliseconds); see the README's Seams. */
    pauseParagraphMs: z.coerce.number().int().min(0).max(5000).default(600),
    pauseSentenceMs: z.coerce.number().int().min(0).max(5000).default(300),
    pauseClauseMs: z.coerce.number().int().min(0).max(5000).default(150),
    /** Size calls after the first from measured inference cost (off: each call limit doubles, 48 → 510 ids). */
    adaptiveCallSizing: bool.default(true),
    /** Streamed speech: the first call is sized so its audio should come within this many milliseconds (adaptiveCallSizing). */
    ttfaTargetMs: z.coerce.number().int().min(50).max(10_000).default(DEFAULT_TTFA_TARGET_MS),
    /**
     * The most phoneme ids one model call holds (the model's own limit is 510): a longer sentence is cut at a clause.
     * It bounds memory, since ONNX Runtime's arena keeps the largest call's peak (see the README's memory section).
     */
    maxCallIds: z.coerce.number().int().min(32).max(510).default(DEFAULT_MAX_CALL_IDS),
    /** Streaming: no model call starts more than this many seconds before the listener needs it (0 = no bound). */
    maxAheadSeconds: z.coerce.number().min(0).default(60),
    /** WebSocket: a session that sends no `start` within this many milliseconds is closed. */
    wsStartTimeoutMs: z.coerce.number().int().min(100).default(5000),
    /** WebSocket: a session with no message from the client and no audio going out for this long is closed. */
    wsIdleTimeoutMs: z.coerce.number().int().min(100).default(120_000),
    /** Speech requests served at once; more get 429 with Retry-After. */
    maxActiveRequests: positiveInt.default(64),
    /** Memory for the audio cache of recent model calls, in MB (0 = off). */
    audioCacheMB: z.coerce.number().min(0).default(64),
    /** Model calls that may wait for a worker before new requests get 503. */
    maxQueuedCalls: positiveInt.default(256),
    interOpThreads: positiveInt.default(1),
    /** Execution provider: auto benchmarks what onnxruntime-node offers here and caches the choice. */
    device: z.enum(["auto", "cpu", "cuda", "coreml", "dml", "webgpu"]).default("auto"),
    /** Save the optimized graph per (variant, provider, onnxruntime version) so later starts skip optimization. */
    optimizedModelCache: bool.default(true),
    /** The cached optimized graph keeps its weights in a file onnxruntime maps instead of copying (faster start, shared pages). */
    mappedWeights: bool.default(true),
    /** API keys (Authorization: Bearer); empty = no auth. */
    apiKeys: stringList.default([]),
    /** A file with one API key a line (# comments), added to apiKeys. */
    apiKeysFile: z.string().min(1).optional(),
    /** Requests a minute per API key (or client IP without keys); 0 = no limit. */
    rateLimitPerMinute: z.coerce.number().int().min(0).default(0),
    /** Origins allowed by CORS ("*" for any); empty = CORS off. */
    corsOrigins: stringList.default([]),
    /** Host names (besides loopback ones) the server answers to: a leading "." also matches subdomains, "*" any host. */
    allowedHosts: stringList.default([]),
    /** HTTP: milliseconds to receive a request's headers before answering 408 and closing. */
    headersTimeoutMs: positiveInt.default(10_000),
    /** HTTP: milliseconds to receive a whole request, headers and body (not to send the response); 0 = no limit. */
    requestTimeoutMs: z.coerce.number().int().min(0).default(30_000),
    /** HTTP: how long an idle keep-alive connection stays open after a response. */
    keepAliveTimeoutMs: positiveInt.default(72_000),
    /** HTTP: a connection with no bytes in or out for this long is closed (0 = never); a stalled reader loses its response. */
    idleTimeoutMs: z.coerce.number().int().min(0).default(0),
    /** On SIGTERM/SIGINT, how long in-flight requests may finish before they are cancelled. */
    shutdownGraceMs: z.coerce.number().int().min(0).default(10_000),
    /**
     * On SIGTERM, how long the server keeps serving new requests after /readyz turned 503, so a load balancer
     * has time to notice (its check interval × fall count); part of shutdownGraceMs. 0 = refuse them at once.
     */
    drainDelayMs: z.coerce.number().int().min(0).default(0),
    /** Minutes between scheduled self-benchmarks; 0 = off. */
    selfBenchmarkMinutes: z.coerce.number().min(0).default(0),
    /** Where self-benchmark reports go; unset = <cacheDir>/reports. */
    reportsDir: z.string().min(1).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
/** A layer of settings from one source (file, env, flags), before defaults are applied. */
export type ConfigLayer = z.input<typeof configSchema>;

/** Environment variables, each mapped to a config key. */
export const ENV_KEYS = {
  KOKORO_HOST: "host",
  KOKORO_PORT: "port",
  KOKORO_MODEL: "model",
  KOKORO_VOICES: "voices",
  KOKORO_VARIANT: "variant",
  KOKORO_AUTO_DOWNLOAD: "autoDownload",
  KOKORO_HOME: "cacheDir",
  KOKORO_LEXICONS: "lexicons",
  KOKORO_USER_LEXICON: "userLexicon",
  KOKORO_CODE_BLOCKS: "codeBlocks",
  KOKORO_PRELOAD_LANGUAGES: "preloadLanguages",
  KOKORO_DEFAULT_VOICE: "defaultVoice",
  KOKORO_CUSTOM_VOICES: "customVoices",
  KOKORO_CUSTOM_VOICE_LANGUAGES: "customVoiceLanguages",
  KOKORO_VOICE_PRESETS: "voicePresets",
  KOKORO_MAX_INPUT_CHARS: "maxInputChars",
  KOKORO_BODY_LIMIT_BYTES: "bodyLimitBytes",
  KOKORO_LOG_LEVEL: "logLevel",
  KOKORO_WORKERS: "workers",
  KOKORO_INTRA_OP_THREADS: "intraOpThreads",
  KOKORO_MAX_QUEUED_CALLS: "maxQueuedCalls",
  KOKORO_AUDIO_CACHE_MB: "audioCacheMB",
  KOKORO_MAX_ACTIVE_REQUESTS: "maxActiveRequests",
  KOKORO_ADAPTIVE_CALL_SIZING: "adaptiveCallSizing",
  KOKORO_TTFA_TARGET_MS: "ttfaTargetMs",
  KOKORO_MAX_CALL_IDS: "maxCallIds",
  KOKORO_PAUSE_PARAGRAPH_MS: "pauseParagraphMs",
  KOKORO_PAUSE_SENTENCE_MS: "pauseSentenceMs",
  KOKORO_PAUSE_CLAUSE_MS: "pauseClauseMs",
  KOKORO_INTER_OP_THREADS: "interOpThreads",
  KOKORO_MAX_AHEAD_SECONDS: "maxAheadSeconds",
  KOKORO_WS_START_TIMEOUT_MS: "wsStartTimeoutMs",
  KOKORO_WS_IDLE_TIMEOUT_MS: "wsIdleTimeoutMs",
  KOKORO_DEVICE: "device",
  KOKORO_OPTIMIZED_MODEL_CACHE: "optimizedModelCache",
  KOKORO_MAPPED_WEIGHTS: "mappedWeights",
  KOKORO_API_KEYS: "apiKeys",
  KOKORO_API_KEYS_FILE: "apiKeysFile",
  KOKORO_RATE_LIMIT_PER_MINUTE: "rateLimitPerMinute",
  KOKORO_CORS_ORIGINS: "corsOrigins",
  KOKORO_ALLOWED_HOSTS: "allowedHosts",
  KOKORO_HEADERS_TIMEOUT_MS: "headersTimeoutMs",
  KOKORO_REQUEST_TIMEOUT_MS: "requestTimeoutMs",
  KOKORO_KEEP_ALIVE_TIMEOUT_MS: "keepAliveTimeoutMs",
  KOKORO_IDLE_TIMEOUT_MS: "idleTimeoutMs",
  KOKORO_SHUTDOWN_GRACE_MS: "shutdownGraceMs",
  KOKORO_DRAIN_DELAY_MS: "drainDelayMs",
  KOKORO_SELF_BENCHMARK_MINUTES: "selfBenchmarkMinutes",
  KOKORO_REPORTS_DIR: "reportsDir",
} as const satisfies Record<string, keyof Config>;
