// The daemon's messages: what clients send (HTTP bodies, WebSocket control messages) and the events it sends.
import { z } from "zod";
import { SAMPLE_RATE } from "../model/contract.js";
import type { CompletionReason } from "./utterance.js";

const mode = z.enum(["replace", "queue"], { error: "mode must be replace or queue" });
const id = z.string().min(1, "id must not be empty").max(128, "id is too long");

/** `POST /play`, and a WebSocket `play` with text: the daemon asks the server for the audio itself. */
export const textPlaySchema = z
  .object({
    id: id.optional(),
    text: z.string({ error: "text must be a string" }).refine((t) => t.trim().length > 0, "text is empty"),
    voice: z.string({ error: "voice must be a string" }).min(1).optional(),
    speed: z.number({ error: "speed must be a number" }).min(0.25, "speed must be between 0.25 and 4").max(4, "speed must be between 0.25 and 4").optional(),
    lang: z.string({ error: "lang must be a string" }).optional(),
    /** Only the daemon's own server or an allowed origin (speech-servers.ts); anything else is refused. */
    server: z.url({ error: "server must be an http(s) URL", protocol: /^https?$/ }).optional(),
    /** The kokoro server's API key, when it has keys (Raycast passes its preference). */
    apiKey: z.string({ error: "apiKey must be a string" }).min(1).max(512).optional(),
    mode: mode.optional(),
  });
export type TextPlay = z.infer<typeof textPlaySchema>;

/** A WebSocket `play` whose audio the client sends as binary frames. */
export const streamPlaySchema = z
  .object({
    id: id.optional(),
    format: z.enum(["pcm", "wav"], { error: "format must be pcm (s16le) or wav" }),
    sampleRate: z.literal(SAMPLE_RATE, { error: `sampleRate must be ${SAMPLE_RATE}` }).optional(),
    mode: mode.optional(),
  });
export type StreamPlay = z.infer<typeof streamPlaySchema>;

export const controlSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("end"), id: id.optional() }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("stop"), id: id.optional() }),
  z.object({ type: z.literal("skip") }),
  z.object({ type: z.literal("queue") }),
]);
export type Control = z.infer<typeof controlSchema>;

export type PlayerState = "idle" | "playing" | "paused";

export interface QueueItem {
  readonly id: string;
  readonly state: "queued" | "buffering" | "playing" | "paused";
  readonly text?: string;
  readonly playedSeconds: number;
}

export type DaemonEvent =
  | { type: "accepted"; id: string }
  | { type: "started"; id: string; atMs: number }
  | { type: "progress"; id: string; seconds: number }
  | { type: "underrun"; id: string; count: number }
  | { type: "completed"; id: string; reason: CompletionReason; seconds: number; underruns: number }
  | { type: "error"; id?: string; message: string }
  | { type: "queue"; items: QueueItem[] }
  | { type: "state"; state: PlayerState };

/** The first problem zod found, as one sentence for a client. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid message";
  const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  if (field && issue.code === "invalid_type" && issue.input === undefined) return `${field} is required`;
  return issue.message;
}
