// Parses a requested voice: a Kokoro name ("af_heart"), an OpenAI name ("alloy"), a blend
// ("af_bella(2)+af_sky(1)", "af_bella + af_sky" for equal weights), a blend with subtraction
// ("af_bella-af_sky(0.3)") or a named preset from the config ("narrator"). Names are only looked up in the
// loaded set, never used to build a path.
import { kokoroVoiceForOpenAi, OPENAI_VOICES } from "./openai-voices.js";
import { languageOf, type VoiceLanguage } from "./voice-names.js";

export interface VoiceComponent {
  readonly name: string;
  /**
   * Normalised over the added voices: their weights sum to 1. A subtracted voice has a negative weight on the
   * same scale (af_bella-af_sky(0.3): af_bella 1, af_sky -0.3).
   */
  readonly weight: number;
}

export interface ResolvedVoice {
  /** Canonical: the plain name, or e.g. "af_bella(0.667)+af_sky(0.333)", "af_bella(1)-af_sky(0.3)" in the order requested. */
  readonly id: string;
  readonly components: readonly VoiceComponent[];
  /** The language of the heaviest added component (the first of equals). */
  readonly language: VoiceLanguage;
  /** The preset this voice was named by, if any. */
  readonly preset?: string;
  /** The preset's speed: it applies when the request sets no speed of its own. */
  readonly speed?: number;
}

export type VoiceSpecResult =
  | { readonly ok: true; readonly voice: ResolvedVoice }
  | { readonly ok: false; readonly message: string; readonly code: VoiceSpecFailure };

/** Why a voice did not resolve: a name that is not loaded, or a request that is malformed or cancels out. */
export type VoiceSpecFailure = "unknown_voice" | "invalid_voice";

/** A named voice from the config: a voice or blend, and optionally the speed it speaks at. */
export interface VoicePreset {
  readonly voice: string;
  readonly speed?: number;
}

/** The set of loaded voices that a request is resolved against. */
export interface VoiceCatalog {
  has(name: string): boolean;
  names(): readonly string[];
  /** Named presets (lower-case names); none when absent. */
  presets?(): ReadonlyMap<string, VoicePreset>;
  /** Why a blend with subtraction cannot be spoken (its rows cancel out), or null when it can. */
  blendProblem?(voice: ResolvedVoice): string | null;
  /** A loaded voice's language; absent: the Kokoro prefix of its name says it (a custom voice's name may not). */
  language?(name: string): VoiceLanguage;
}

export const MAX_BLEND_VOICES = 8;
const MAX_REQUEST_LENGTH = 256;
const WEIGHT_PATTERN = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

interface Term {
  readonly name: string;
  /** Negative for a subtracted voice. */
  readonly weight: number;
}

/** Quotes user input for an error message, cut short so a huge request cannot bloat the reply. */
function quote(text: string): string {
  return `'${text.length > 64 ? `${text.slice(0, 64)}…` : text}'`;
}

function parseTerm(text: string, sign: 1 | -1): Term | string {
  const open = text.indexOf("(");
  if (open === -1) {
    if (text.includes(")")) return `unexpected ')' in ${quote(text)}`;
    return text === "" ? "empty voice name" : { name: text, weight: sign };
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
  return { name, weight: sign * weight };
}

/**
 * Splits a request into signed weighted terms (syntax only; names unchecked), or explains why it is malformed.
 * One pass: `+` adds the next voice and `-` subtracts it, except inside a weight's parentheses.
 */
function parseVoiceTerms(request: string): Term[] | string {
  const terms: Term[] = [];
  let sign: 1 | -1 = 1;
  let start = 0;
  let inWeight = false;
  for (let i = 0; i <= request.length; i++) {
    const c = request[i];
    if (c === "(") inWeight = true;
    else if (c === ")") inWeight = false;
    if (i < request.length && (inWeight || (c !== "+" && c !== "-"))) continue;
    const term = parseTerm(request.slice(start, i).trim(), sign);
    if (typeof term === "string") return term;
    terms.push(term);
    sign = c === "-" ? -1 : 1;
    start = i + 1;
  }
  return terms;
}

function formatWeight(weight: number): string {
  return String(Number(weight.toPrecision(3)));
}

/** The canonical id: a lone voice by its name; a blend as its terms in the order requested. */
function blendId(components: readonly VoiceComponent[]): string {
  if (components.length === 1) return components[0]!.name;
  return components
    .map((c, i) => `${c.weight < 0 ? "-" : i === 0 ? "" : "+"}${c.name}(${formatWeight(Math.abs(c.weight))})`)
    .join("");
}

function validNamesMessage(catalog: VoiceCatalog): string {
  const aliases = OPENAI_VOICES.filter((v) => catalog.has(v.kokoro)).map((v) => v.openai);
  const presets = [...(catalog.presets?.().keys() ?? [])];
  const names = catalog.names().join(", ");
  return `${names}${aliases.length === 0 ? "" : `; OpenAI names: ${aliases.join(", ")}`}${presets.length === 0 ? "" : `; presets: ${presets.join(", ")}`}`;
}

/**
 * Resolves a requested voice against the loaded voices. Blend rules: repeated voices are merged (their signed
 * weights summed); the weights are divided by the sum of the added (positive) ones, so those sum to 1 and a
 * subtracted voice keeps its ratio to them; a blend with nothing left to add cancels out. How a subtraction is
 * re-normalised per row is VoiceStore's (blend.ts); the catalog may refuse a blend whose rows cancel out.
 */
export function resolveVoice(request: string, catalog: VoiceCatalog): VoiceSpecResult {
  const fail = (message: string, code: VoiceSpecFailure = "invalid_voice"): VoiceSpecResult => ({ ok: false, message, code });
  const trimmed = request.trim();
  if (trimmed === "") return fail("voice must not be empty");
  if (trimmed.length > MAX_REQUEST_LENGTH) return fail(`voice is longer than ${MAX_REQUEST_LENGTH} characters`);
  const preset = catalog.presets?.().get(trimmed.toLowerCase());
  if (preset !== undefined) return resolvePreset(trimmed.toLowerCase(), preset, catalog);
  const terms = parseVoiceTerms(trimmed);
  if (typeof terms === "string") return fail(`malformed voice blend ${quote(trimmed)}: ${terms}`);
  if (terms.length > MAX_BLEND_VOICES) return fail(`a blend may mix at most ${MAX_BLEND_VOICES} voices`);

  // Resolve names (OpenAI names included) and merge repeats, keeping the order of first mention.
  const weights = new Map<string, number>();
  for (const term of terms) {
    const asked = term.name.toLowerCase();
    const name = kokoroVoiceForOpenAi(asked) ?? asked;
    if (!catalog.has(name)) {
      if (catalog.presets?.().has(asked)) return fail(`preset ${quote(term.name)} can only be used alone, not in a blend; blend its voices instead`);
      const known = name === asked ? "" : ` (OpenAI name for ${quote(name)}, which is not loaded)`;
      return fail(`unknown voice ${quote(term.name)}${known}; valid voices: ${validNamesMessage(catalog)}`, "unknown_voice");
    }
    weights.set(name, (weights.get(name) ?? 0) + term.weight);
  }

  const added = [...weights.values()].filter((w) => w > 0).reduce((sum, weight) => sum + weight, 0);
  if (added === 0) return fail(`voice blend ${quote(trimmed)} cancels out: nothing is left once the subtracted voices are taken away`);
  const components = [...weights].filter(([, weight]) => weight !== 0).map(([name, weight]) => ({ name, weight: weight / added }));
  const heaviest = components.reduce((best, c) => (c.weight > best.weight ? c : best));
  const voice: ResolvedVoice = { id: blendId(components), components, language: catalog.language?.(heaviest.name) ?? languageOf(heaviest.name) };
  const problem = components.some((c) => c.weight < 0) ? (catalog.blendProblem?.(voice) ?? null) : null;
  if (problem !== null) return fail(`voice blend ${quote(trimmed)} ${problem}`);
  return { ok: true, voice };
}

/** A preset's voice, resolved without presets (a preset names voices, not other presets), with its name and speed. */
function resolvePreset(name: string, preset: VoicePreset, catalog: VoiceCatalog): VoiceSpecResult {
  const withoutPresets: VoiceCatalog = {
    has: (n) => catalog.has(n),
    names: () => catalog.names(),
    ...(catalog.blendProblem ? { blendProblem: (v: ResolvedVoice) => catalog.blendProblem!(v) } : {}),
    ...(catalog.language ? { language: (n: string) => catalog.language!(n) } : {}),
  };
  const result = resolveVoice(preset.voice, withoutPresets);
  if (!result.ok) return { ...result, message: `preset ${quote(name)}: ${result.message}` };
  return { ok: true, voice: { ...result.voice, preset: name, ...(preset.speed === undefined ? {} : { speed: preset.speed }) } };
}
