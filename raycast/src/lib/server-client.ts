// Client for kokoro-server itself: is it up and ready, and which voices does it have.

import { ServerAuthError, ServerNotReadyError, ServerResponseError, ServerUnreachableError } from "./errors";
import {
  ConnectionError,
  errorMessageOf,
  isRecord,
  joinUrl,
  requestJson,
  type FetchLike,
  type JsonResponse,
} from "./http";
import { languageName, voiceFromName } from "./languages";

export interface ServerClientOptions {
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

export interface ServerHealth {
  readonly status: "ready";
  readonly model?: string;
}

export interface VoiceOption {
  readonly id: string;
  /** The language code, e.g. "fr-fr". */
  readonly language?: string;
  /** The server's name for it, e.g. "French" (`language_name`). */
  readonly languageName?: string;
  readonly gender?: string;
}

export interface ServerClient {
  readonly baseUrl: string;
  /** Resolves when the server is ready to synthesize; throws ServerUnreachableError, ServerNotReadyError, … otherwise. */
  health(): Promise<ServerHealth>;
  /** `GET /v1/audio/voices`. */
  voices(): Promise<VoiceOption[]>;
}

export function createServerClient(options: ServerClientOptions): ServerClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};

  async function get(path: string): Promise<JsonResponse> {
    try {
      return await requestJson(joinUrl(baseUrl, path), { headers, fetch: options.fetch, timeoutMs: options.timeoutMs });
    } catch (err) {
      if (err instanceof ConnectionError) throw new ServerUnreachableError(baseUrl, err.reason, { cause: err });
      throw err;
    }
  }

  function checkCommon(response: JsonResponse): void {
    if (response.status === 401 || response.status === 403)
      throw new ServerAuthError(baseUrl, options.apiKey !== undefined);
    if (response.status === 503) {
      const json = isRecord(response.json) ? response.json : {};
      if (json.status === "failed") {
        throw new ServerNotReadyError(
          baseUrl,
          "failed",
          typeof json.error === "string" ? json.error : errorMessageOf(response),
        );
      }
      throw new ServerNotReadyError(baseUrl, "loading", describeLoading(json, response));
    }
  }

  return {
    baseUrl,

    async health() {
      const response = await get("/health");
      checkCommon(response);
      const json = response.json;
      if (response.status !== 200 || !isRecord(json) || json.status !== "ready") {
        throw new ServerResponseError(
          baseUrl,
          response.status,
          `GET /health: ${response.text.slice(0, 120) || "empty body"}`,
        );
      }
      return typeof json.model === "string" ? { status: "ready", model: json.model } : { status: "ready" };
    },

    async voices() {
      const response = await get("/v1/audio/voices");
      checkCommon(response);
      if (response.status !== 200 || !isRecord(response.json)) {
        throw new ServerResponseError(baseUrl, response.status, `GET /v1/audio/voices: ${errorMessageOf(response)}`);
      }
      return parseVoices(response.json);
    },
  };
}

function describeLoading(json: Record<string, unknown>, response: JsonResponse): string {
  const stage = typeof json.stage === "string" ? json.stage : undefined;
  const progress = typeof json.progress === "number" ? json.progress : undefined;
  if (stage === undefined) return errorMessageOf(response);
  return progress === undefined ? stage : `${stage}, ${Math.round(progress * (progress <= 1 ? 100 : 1))}%`;
}

/**
 * `{"voices": ["af_heart", …], "details": [{"id", "language", "language_name", "gender"}], "openai_aliases": {…}}` → options,
 * in the server's order; `details` where present, else the bare names.
 */
export function parseVoices(json: Record<string, unknown>): VoiceOption[] {
  const seen = new Set<string>();
  const out: VoiceOption[] = [];
  const add = (option: VoiceOption): void => {
    if (option.id === "" || seen.has(option.id)) return;
    seen.add(option.id);
    out.push(option);
  };
  if (Array.isArray(json.details)) {
    for (const entry of json.details) {
      if (!isRecord(entry) || typeof entry.id !== "string") continue;
      add({
        id: entry.id,
        ...(typeof entry.language === "string" ? { language: entry.language } : {}),
        ...(typeof entry.language_name === "string" ? { languageName: entry.language_name } : {}),
        ...(typeof entry.gender === "string" ? { gender: entry.gender } : {}),
      });
    }
  }
  if (Array.isArray(json.voices)) {
    for (const name of json.voices) if (typeof name === "string") add({ id: name });
  }
  return out;
}

/** The name of a voice's language: the server's, else the extension's own. */
function languageOf(voice: VoiceOption): string | undefined {
  return voice.languageName ?? (voice.language ? languageName(voice.language) : undefined);
}

/** "af_heart — English (US), female" for a dropdown item. */
export function voiceTitle(voice: VoiceOption): string {
  const parts = [languageOf(voice), voice.gender].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? voice.id : `${voice.id} — ${parts.join(", ")}`;
}

export interface VoiceSection {
  /** The language's name, or "Other" for voices of no known language (presets, OpenAI names). */
  readonly title: string;
  readonly voices: VoiceOption[];
}

/** The options grouped by language for dropdown sections, in the order each language first appears. */
export function voiceSections(options: readonly VoiceOption[]): VoiceSection[] {
  const sections = new Map<string, VoiceOption[]>();
  for (const voice of options) {
    const title = languageOf(voice) ?? "Other";
    const section = sections.get(title);
    if (section) section.push(voice);
    else sections.set(title, [voice]);
  }
  return [...sections].map(([title, voices]) => ({ title, voices }));
}

/**
 * The server's voices, plus the preferred voice first when the server does not list it (or is down), with the
 * language its name says.
 */
export function voiceOptions(serverVoices: readonly VoiceOption[] | undefined, preferred: string): VoiceOption[] {
  const list = serverVoices ?? [];
  return list.some((v) => v.id === preferred) ? [...list] : [voiceFromName(preferred), ...list];
}
