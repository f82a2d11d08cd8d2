// Parses a requested voice: a Kokoro name ("af_heart"), an OpenAI name ("alloy"), or a blend
// ("af_bella(2)+af_sky(1)", "af_bella + af_sky" for equal weights). Names are only looked up in the
// loaded set, never used to build a path.
import { kokoroVoiceForOpenAi, OPENAI_VOICES } from "./openai-voices.js";
import { languageOf, type VoiceLanguage } from "./voice-names.js";

export interface VoiceComponent {
  readonly name: string;
  /** Normalised: the weights of a voice's components sum to 1. */
  readonly weight: number;
}

export interface ResolvedVoice {
  /** Canonical: the plain name, or e.g. "af_bella(0.667)+af_sky(0.333)" in the order requested. */
  readonly id: string;
  readonly components: readonly VoiceComponent[];
  /** The language of the heaviest component (the first of equals). */
  readonly language: VoiceLanguage;
}

export type VoiceSpecResult =
  | { readonly ok: true; readonly voice: ResolvedVoice }
  | { readonly ok: false; readonly message: string };

/** The set of loaded voices that a request is resolved against. */
export interface VoiceCatalog {
  has(name: string): boolean;
  names(): readonly string[];
}

export const MAX_BLEND_VOICES = 8;
const MAX_REQUEST_LENGTH = 256;
const WEIGHT_PATTERN = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

interface Term {
  readonly name: string;
  readonly weight: number;
}

/** Quotes user input for an error message, cut short so a huge request cannot bloat the reply. */
function quote(text: string): string {
  return `'${text.length > 64 ? `${text.slice(0, 64)}…` : text}'`;
}

function parseTerm(text: string): Term | string {
  const open = text.indexOf("(");
  if (open === -1) {
    if (text.includes(")")) return `unexpected ')' in ${quote(text)}`;
    return text === "" ? "empty voice name" : { name: text, weight: 1 };
  }
  const name = text.slice(0, open).trim();
  if (name === "") return `missing voice name before '(' in ${quote(text)}`;
  const close = text.indexOf(")", open);
  if (close === -1) return `missing ')' after the weight of ${quote(name)}`;
  const rest = text.slice(close + 1).trim();
  if (rest !== "") return `unexpected ${quote(rest)} after the weight of ${quote(name)}`;
  const weightText = text.slice(open + 1, close).trim();
  if (!WEIGHT_PATTERN.test(weightText)) {
    return `weight ${quote(weightText)} of ${quote(name)} is not a positive number`;
  }
  const weight = Number(weightText);
  if (!(weight > 0) || !Number.isFinite(weight)) {
    return `weight ${quote(weightText)} of ${quote(name)} must be greater than 0`;
  }
  return { name, weight };
}

/** Splits a request into weighted terms (syntax only; names unchecked), or explains why it is malformed. */
function parseVoiceTerms(request: string): Term[] | string {
  const terms: Term[] = [];
  for (const part of request.split("+")) {
    const term = parseTerm(part.trim());
    if (typeof term === "string") return term;
    terms.push(term);
  }
  return terms;
}

function formatWeight(weight: number): string {
  return String(Number(weight.toPrecision(3)));
}

function validNamesMessage(catalog: VoiceCatalog): string {
  const aliases = OPENAI_VOICES.filter((v) => catalog.has(v.kokoro)).map((v) => v.openai);
  const names = catalog.names().join(", ");
  return aliases.length === 0 ? names : `${names}; OpenAI names: ${aliases.join(", ")}`;
}

/** Resolves a requested voice against the loaded voices. */
export function resolveVoice(request: string, catalog: VoiceCatalog): VoiceSpecResult {
  const fail = (message: string): VoiceSpecResult => ({ ok: false, message });
  const trimmed = request.trim();
  if (trimmed === "") return fail("voice must not be empty");
  if (trimmed.length > MAX_REQUEST_LENGTH) return fail(`voice is longer than ${MAX_REQUEST_LENGTH} characters`);
  const terms = parseVoiceTerms(trimmed);
  if (typeof terms === "string") return fail(`malformed voice blend ${quote(trimmed)}: ${terms}`);
  if (terms.length > MAX_BLEND_VOICES) return fail(`a blend may mix at most ${MAX_BLEND_VOICES} voices`);

  // Resolve names (OpenAI names included) and merge repeats, keeping the order of first mention.
  const weights = new Map<string, number>();
  for (const term of terms) {
    const asked = term.name.toLowerCase();
    const name = kokoroVoiceForOpenAi(asked) ?? asked;
    if (!catalog.has(name)) {
      const known = name === asked ? "" : ` (OpenAI name for ${quote(name)}, which is not loaded)`;
      return fail(`unknown voice ${quote(term.name)}${known}; valid voices: ${validNamesMessage(catalog)}`);
    }
    weights.set(name, (weights.get(name) ?? 0) + term.weight);
  }

  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  const components = [...weights].map(([name, weight]) => ({ name, weight: weight / total }));
  const heaviest = components.reduce((best, c) => (c.weight > best.weight ? c : best));
  const id =
    components.length === 1
      ? heaviest.name
      : components.map((c) => `${c.name}(${formatWeight(c.weight)})`).join("+");
  return { ok: true, voice: { id, components, language: languageOf(heaviest.name) } };
}
