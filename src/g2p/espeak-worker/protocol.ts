// Messages between the espeak worker handle (handle.ts, main thread) and its worker (entry.ts).
import type { EnglishLang } from "../../text/lang.js";

export interface EspeakRequest {
  readonly id: number;
  readonly text: string;
  readonly lang: EnglishLang;
}

export type EspeakResponse =
  | { readonly id: number; readonly phonemes: string }
  | { readonly id: number; readonly error: string };

export function isEspeakRequest(value: unknown): value is EspeakRequest {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "number" && typeof v.text === "string" && (v.lang === "en-us" || v.lang === "en-gb");
}

export function isEspeakResponse(value: unknown): value is EspeakResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "number" && (typeof v.phonemes === "string" || typeof v.error === "string");
}
