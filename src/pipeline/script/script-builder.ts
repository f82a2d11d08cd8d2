import { MAX_TOTAL_PAUSE_MS } from "./limits.js";
import { scriptError } from "./script-error.js";
import { sameVoicing, type Segment, type SpeechScript, type Voicing } from "./segments.js";

type Open = { kind: "text" | "phonemes"; voicing: Voicing; parts: string[] } | { kind: "pause"; ms: number };

/**
 * Collects segments as a compiler finds them: text with the same voicing is joined into one segment (so a text's
 * sentences are planned together, as plain text is), adjacent pauses add up, blank text is dropped. Linear in what
 * it is given: parts are joined once, at the end.
 */
export class ScriptBuilder {
  private readonly open: Open[] = [];
  private readonly ignored = new Set<string>();
  private totalPauseMs = 0;

  text(content: string, voicing: Voicing): void {
    if (content === "") return;
    this.spoken("text", content, voicing);
  }

  /** Phonemes join the phonemes before them with a space (a word boundary). */
  phonemes(content: string, voicing: Voicing): void {
    if (content.trim() === "") return;
    const last = this.open.at(-1);
    if (last?.kind === "phonemes" && sameVoicing(last.voicing, voicing)) last.parts.push(" ", content);
    else this.spoken("phonemes", content, voicing);
  }

  pause(ms: number): void {
    this.totalPauseMs += ms;
    if (this.totalPauseMs > MAX_TOTAL_PAUSE_MS) {
      throw scriptError(`the pauses add up to more than the limit of ${MAX_TOTAL_PAUSE_MS / 1000} s`, "invalid_value");
    }
    if (ms <= 0) return;
    const last = this.open.at(-1);
    if (last?.kind === "pause") last.ms += ms;
    else this.open.push({ kind: "pause", ms });
  }

  /** Markup that was not understood: its text is spoken, its name reported. */
  ignore(tag: string): void {
    this.ignored.add(tag);
  }

  /** The script; an empty_input error when nothing in it is spoken. */
  finish(): SpeechScript {
    const segments: Segment[] = [];
    for (const seg of this.open) {
      if (seg.kind === "pause") {
        const prev = segments.at(-1);
        if (prev?.kind === "pause") segments[segments.length - 1] = { kind: "pause", ms: prev.ms + seg.ms };
        else segments.push({ kind: "pause", ms: seg.ms });
        continue;
      }
      const content = seg.parts.join("");
      if (content.trim() === "") continue;
      segments.push({ kind: seg.kind, content, ...seg.voicing });
    }
    if (!segments.some((s) => s.kind !== "pause")) throw scriptError("input has nothing to speak", "empty_input");
    return { segments, ignoredTags: [...this.ignored] };
  }

  private spoken(kind: "text" | "phonemes", content: string, voicing: Voicing): void {
    const last = this.open.at(-1);
    if (last !== undefined && last.kind === kind && sameVoicing(last.voicing, voicing)) last.parts.push(content);
    else this.open.push({ kind, voicing, parts: [content] });
  }
}
