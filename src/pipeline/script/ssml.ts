import { SaxesParser, type SaxesTagPlain } from "saxes";
import { langFromCode } from "../../text/lang.js";
import { BREAK_STRENGTH_MS, clip, parseDuration } from "./durations.js";
import { MAX_SSML_DEPTH } from "./limits.js";
import { checkedPhonemes } from "./phonemes.js";
import { parseRate, scaledSpeed } from "./rates.js";
import { isSayAsKind, sayAs } from "./say-as.js";
import { ScriptBuilder } from "./script-builder.js";
import { scriptError } from "./script-error.js";
import type { SpeechScript, Voicing } from "./segments.js";

/** Elements whose text is replaced as a whole: it is collected until they close. */
type Capture = { readonly kind: "say-as" | "sub" | "phoneme"; readonly tag: SaxesTagPlain; readonly parts: string[] };

interface Frame {
  readonly name: string;
  readonly voicing: Voicing;
  readonly capture: Capture | null;
}

/** What each understood element does; anything else is spoken as its text and reported. */
const KNOWN = new Set(["speak", "p", "s", "break", "prosody", "say-as", "phoneme", "sub", "voice", "lang", "emphasis"]);
/** Attributes that change nothing here (Kokoro has no pitch or volume control): reported like unknown elements. */
const IGNORED_PROSODY = ["pitch", "volume", "contour", "range", "duration"];
const PHONEME_ALPHABETS = new Set(["ipa", "kokoro", "x-kokoro", "misaki"]);
const SENTENCE_END = /[.!?…]\s*$/u;

/** Whether an input is SSML by its look: it starts (after white space or an XML declaration) with `<speak`. */
export function looksLikeSsml(input: string): boolean {
  return /^\s*(?:<\?xml[^>]{0,200}\?>\s*)?<speak[\s>/]/u.test(input);
}

/**
 * SSML → a script, with a real XML parser (saxes; no DTD, only XML's five entities and character references).
 * `base`: the request's voice, speed and language. One pass over the input; errors are 400s naming the line and
 * column: a syntax error, a DOCTYPE, nesting deeper than MAX_SSML_DEPTH, a bad attribute value.
 */
export function compileSsml(input: string, base: Voicing): SpeechScript {
  const builder = new ScriptBuilder();
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  let lastText = "";
  // saxes counts columns from 0 for the next character: the 1-based column of the last one read, where the fault shows.
  const where = (): string => `line ${parser.line}, column ${parser.column}`;
  const fail = (message: string): never => {
    throw scriptError(`invalid SSML at ${where()}: ${message}`, "invalid_ssml");
  };
  const top = (): Frame => stack.at(-1) ?? { name: "", voicing: base, capture: null };
  const say = (text: string, voicing: Voicing): void => {
    builder.text(text, voicing);
    if (text.trim() !== "") lastText = text;
  };

  parser.on("doctype", () => fail("a DOCTYPE is not allowed"));
  parser.on("error", (err) => {
    // saxes writes "line:column: message".
    const m = /^(\d+):(\d+): (.*)$/su.exec(err.message);
    throw scriptError(m === null ? `invalid SSML: ${err.message}` : `invalid SSML at line ${m[1]}, column ${m[2]}: ${m[3]!.replace(/\.$/u, "")}`, "invalid_ssml");
  });
  const onText = (text: string): void => {
    const frame = top();
    if (frame.capture !== null) frame.capture.parts.push(text);
    else if (stack.length > 0) say(text, frame.voicing);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);

  parser.on("opentag", (tag) => {
    if (stack.length === 0 && tag.name !== "speak") fail(`the root element must be <speak>, not <${clip(tag.name)}>`);
    if (stack.length >= MAX_SSML_DEPTH) fail(`elements nested deeper than ${MAX_SSML_DEPTH} levels`);
    const parent = top();
    const attr = (name: string): string | undefined => tag.attributes[name];
    if (parent.capture !== null) {
      // Inside say-as, sub or phoneme only text counts.
      stack.push({ name: tag.name, voicing: parent.voicing, capture: parent.capture });
      return;
    }
    let voicing = parent.voicing;
    const lang = attr("xml:lang");
    if (lang !== undefined) {
      const parsed = langFromCode(lang);
      if (parsed === undefined) fail(`unsupported xml:lang '${clip(lang)}'`);
      voicing = { ...voicing, lang: parsed! };
    }
    let capture: Capture | null = null;
    switch (tag.name) {
      case "p":
        say("\n\n", voicing);
        break;
      case "s":
        say(" ", voicing);
        break;
      case "break":
        builder.pause(breakMs(tag, fail));
        break;
      case "prosody": {
        const rate = attr("rate");
        if (rate !== undefined) {
          const parsed = parseRate(rate);
          if (typeof parsed === "string") fail(parsed);
          voicing = { ...voicing, speed: scaledSpeed(parent.voicing.speed, parsed as number) };
        }
        for (const name of IGNORED_PROSODY) if (attr(name) !== undefined) builder.ignore(`prosody ${name}`);
        break;
      }
      case "voice": {
        const name = attr("name")?.trim();
        if (name === undefined || name === "") fail("<voice> needs a name (a voice, a blend or a preset)");
        voicing = { ...voicing, voice: name! };
        break;
      }
      case "lang":
        if (lang === undefined) fail("<lang> needs xml:lang");
        break;
      case "say-as": {
        const kind = attr("interpret-as");
        if (kind === undefined) fail("<say-as> needs interpret-as");
        capture = { kind: "say-as", tag, parts: [] };
        break;
      }
      case "sub":
        if (attr("alias") === undefined) fail("<sub> needs an alias");
        capture = { kind: "sub", tag, parts: [] };
        break;
      case "phoneme": {
        const alphabet = attr("alphabet");
        if (alphabet !== undefined && !PHONEME_ALPHABETS.has(alphabet.toLowerCase())) fail(`phoneme alphabet '${clip(alphabet)}' is not supported; use ipa (Kokoro's phonemes)`);
        if (attr("ph") === undefined) fail("<phoneme> needs ph");
        capture = { kind: "phoneme", tag, parts: [] };
        break;
      }
      default:
        if (!KNOWN.has(tag.name)) builder.ignore(clip(tag.name, 40));
    }
    stack.push({ name: tag.name, voicing, capture });
  });

  parser.on("closetag", (tag) => {
    const frame = stack.pop()!;
    const voicing = frame.voicing;
    if (frame.capture !== null && frame.capture.tag === tag) {
      const text = frame.capture.parts.join("");
      const attr = (name: string): string => tag.attributes[name] ?? "";
      if (frame.capture.kind === "sub") say(attr("alias"), voicing);
      else if (frame.capture.kind === "say-as") {
        const kind = attr("interpret-as").toLowerCase();
        if (isSayAsKind(kind)) say(` ${sayAs(kind, text, voicing.lang ?? "en-us")} `, voicing);
        else {
          builder.ignore(`say-as interpret-as=${clip(kind, 20)}`);
          say(text, voicing);
        }
      } else {
        const ph = checkedPhonemes(attr("ph"), `<phoneme ph> (the element ending at ${where()})`);
        const word = text.replace(/[[\]()\n]/gu, " ").trim();
        // Inside the sentence as an inline pronunciation (one call, the word's own timing) where it can be written as one.
        if (word !== "" && !/[()]/u.test(ph) && ph !== "") say(` [${word}](/${ph}/) `, voicing);
        else builder.phonemes(ph, voicing);
      }
      return;
    }
    if (frame.name === "p") say("\n\n", voicing);
    else if (frame.name === "s") say(SENTENCE_END.test(lastText) ? " " : ". ", voicing);
  });

  parser.write(input).close();
  return builder.finish();
}

/** A `<break>`'s silence: its `time`, else its `strength`, else a medium pause. */
function breakMs(tag: SaxesTagPlain, fail: (message: string) => never): number {
  const time = tag.attributes["time"];
  if (time !== undefined) {
    const ms = parseDuration(time);
    return typeof ms === "string" ? fail(ms) : ms;
  }
  const strength = tag.attributes["strength"] ?? "medium";
  const ms = BREAK_STRENGTH_MS[strength.toLowerCase()];
  return ms ?? fail(`break strength '${clip(strength)}' is not one of ${Object.keys(BREAK_STRENGTH_MS).join(", ")}`);
}
