// Typed access to the playground's browser modules (web/js/*.js, plain JavaScript) from Node tests.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../helpers/paths.js";

export interface SseEvent {
  readonly event: string;
  readonly data: string;
}
export interface SseModule {
  createSseParser(onEvent: (e: SseEvent) => void): { push(text: string): void; end(): void };
  sseJsonEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: unknown }>;
}
export interface PcmModule {
  readonly SAMPLE_RATE: number;
  base64ToBytes(base64: string): Uint8Array;
  createPcm16Decoder(): { decode(bytes: Uint8Array): Float32Array; readonly pending: number };
}
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly key: string;
}
export interface WordsModule {
  wordKey(text: string): string;
  tokenize(text: string): Token[];
  createAligner(tokens: readonly Token[]): (spoken: string) => number;
  createWordTimeline(): { add(e: { token: number; start: number; end: number }): void; at(t: number): number; readonly size: number };
}
export interface Segment {
  readonly audioStart: number;
  readonly ctxStart: number;
  readonly duration: number;
}
export interface PlayerModule {
  audioPositionAt(segments: readonly Segment[], t: number): number;
}
export interface VoicesModule {
  readonly MAX_BLEND_VOICES: number;
  composeVoice(parts: readonly { name: string; weight: number }[]): string;
  groupVoices(details: readonly { id: string; language: string; language_name?: string; gender: string }[], presets?: readonly { id: string }[]): { label: string; ids: string[] }[];
  voiceCatalogue(
    details: readonly { id: string; language: string; language_name?: string; gender: string }[],
    presets?: readonly { id: string; language: string; speed: number | null }[],
  ): Map<string, CatalogueEntry>;
  voiceLabel(id: string, catalogue: ReadonlyMap<string, CatalogueEntry>): string;
  blendLanguage(parts: readonly { name: string; weight: number }[], catalogue: ReadonlyMap<string, CatalogueEntry>): string | undefined;
}
export interface LanguagesModule {
  readonly LANGUAGE_NAMES: Readonly<Record<string, string>>;
  readonly SAMPLE_SENTENCES: Readonly<Record<string, string>>;
  languageName(code: string): string;
  isStockText(text: string, defaultText: string): boolean;
  textForLanguage(text: string, lang: string, defaultText: string): string;
}
export interface CatalogueEntry {
  readonly language: string;
  readonly languageName: string;
  readonly speed: number | null;
}
export interface SpeedModule {
  readonly DEFAULT_SPEED: number;
  speedField(touched: boolean, value: number): { speed?: number };
  speedLabel(touched: boolean, value: number, presetSpeed?: number | null): string;
}
export interface DialogueTurn {
  readonly voice: string;
  readonly text: string;
}
export interface DialogueModule {
  readonly DEFAULT_PAUSE_MS: number;
  readonly MAX_PAUSE_MS: number;
  parsePauseMs(text: string): number;
  dialogueRequest(turns: readonly DialogueTurn[], pauseMs: number, fields?: Record<string, unknown>): Record<string, unknown>;
  dialogueText(turns: readonly DialogueTurn[]): string;
}
export interface DownloadModule {
  downloadName(voice: string, format: string, date?: Date): string;
}

/** Imports `web/js/<file>` as the browser would (ES module), typed by the interface the caller names. */
export async function loadWebModule<T>(file: string): Promise<T> {
  const url = pathToFileURL(path.join(REPO_ROOT, "web/js", file)).href;
  return (await import(url)) as T;
}
