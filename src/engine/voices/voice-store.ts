// The loaded voices: name -> pack, the style row for a phoneme count, and cached blends.
import { open, stat } from "node:fs/promises";
import { readBinVoiceDir } from "./bin-dir.js";
import { blendPacks, subtractivePack } from "./blend.js";
import { BoundedCache } from "./bounded-cache.js";
import { openNpzVoices } from "./npz.js";
import { VoiceFileError } from "../errors.js";
import { voiceInfo, type VoiceInfo, type VoiceLanguage } from "./voice-names.js";
import { readCustomVoices } from "./custom-voices.js";
import { checkPresets, type PresetDefinition } from "./presets.js";
import { PACK_FLOATS, styleRow, type PackSource } from "./voice-pack.js";
import { resolveVoice, type ResolvedVoice, type VoiceCatalog, type VoicePreset, type VoiceSpecResult } from "./voice-spec.js";
import { STYLE_DIM } from "../../model/contract.js";
import type { Lang } from "../../text/lang.js";
import { voiceMixKey } from "./voice-key.js";

// Each blend is one 522 KB pack; 32 of them bound the cache at about 17 MB.
const BLEND_CACHE_SIZE = 32;
const ZIP_MAGIC = [0x50, 0x4b]; // "PK"

export class VoiceStore implements VoiceCatalog {
  private readonly sources: ReadonlyMap<string, PackSource>;
  /** Packs read so far (a source read on first use lands here). */
  private readonly packs = new Map<string, Float32Array>();
  private readonly infos: ReadonlyMap<string, VoiceInfo>;
  private readonly sortedNames: readonly string[];
  /** Blends by mix: the pack, or the row at which a subtraction cancels out. */
  private readonly blends = new BoundedCache<string, Float32Array | number>(BLEND_CACHE_SIZE);
  private readonly presetMap: ReadonlyMap<string, VoicePreset>;

  /**
   * Takes ownership of `packs` (name -> Float32Array of 510*256, or a function that reads it on first use); `source`
   * names where they came from.
   * `presets` (config `voicePresets`) are checked against these voices: VoiceFileError when one cannot be spoken.
   * A voice's language and gender come from its Kokoro name, or from `custom` (custom voices, any plain name).
   */
  constructor(
    packs: ReadonlyMap<string, PackSource>,
    readonly source = "memory",
    presets: Readonly<Record<string, PresetDefinition>> = {},
    custom: ReadonlyMap<string, VoiceInfo> = new Map(),
  ) {
    const infos = new Map<string, VoiceInfo>();
    for (const [name, pack] of packs) {
      const info = custom.get(name) ?? voiceInfo(name);
      if (typeof info === "string") throw new VoiceFileError(`${source}: ${info}`);
      if (typeof pack !== "function") this.packs.set(name, checkedPack(pack, name, source));
      infos.set(name, info);
    }
    if (packs.size === 0) throw new VoiceFileError(`${source}: no voices found`);
    this.sources = new Map(packs);
    this.infos = infos;
    this.sortedNames = [...packs.keys()].sort();
    // Presets are checked against this store, which must answer presets() (with none) while they are.
    this.presetMap = new Map();
    this.presetMap = checkPresets(presets, this);
  }

  /** Named presets from the config, by name. */
  presets(): ReadonlyMap<string, VoicePreset> {
    return this.presetMap;
  }

  get size(): number {
    return this.sources.size;
  }

  /** Voices whose pack is in memory (read on first use, or given in memory). */
  get loadedCount(): number {
    return this.packs.size;
  }

  /** Voice names, sorted. */
  names(): string[] {
    return [...this.sortedNames];
  }

  /** Name, language and gender of every voice, sorted by name. */
  list(): VoiceInfo[] {
    return this.sortedNames.map((name) => this.info(name));
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }

  /** A loaded voice's language (a custom voice's may not show in its name). */
  language(name: string): VoiceLanguage {
    return this.info(name).language;
  }

  info(name: string): VoiceInfo {
    const info = this.infos.get(name);
    if (info === undefined) throw new RangeError(`unknown voice '${name}'`);
    return info;
  }

  /**
   * The whole [510 × 256] pack of a voice, read from its file on first use (VoiceFileError when the file has gone bad
   * since loading). Shared: read it, never write to it.
   */
  pack(name: string): Float32Array {
    const loaded = this.packs.get(name);
    if (loaded !== undefined) return loaded;
    const source = this.sources.get(name);
    if (source === undefined) throw new RangeError(`unknown voice '${name}'`);
    const pack = checkedPack(typeof source === "function" ? source() : source, name, this.source);
    this.packs.set(name, pack);
    return pack;
  }

  /** Resolves a requested name, OpenAI name or blend against these voices. */
  resolve(request: string): VoiceSpecResult {
    return resolveVoice(request, this);
  }

  /** The pack of a resolved voice; a blend is computed once per distinct mix and cached. Read-only. */
  packFor(voice: ResolvedVoice): Float32Array {
    const blended = this.blend(voice);
    if (typeof blended === "number") throw new RangeError(`voice blend '${voice.id}' cancels out at style row ${blended}`);
    return blended;
  }

  /** Why a blend with subtraction cannot be spoken (a row that cancels out), or null. */
  blendProblem(voice: ResolvedVoice): string | null {
    const blended = this.blend(voice);
    return typeof blended === "number"
      ? `cancels out: its style row ${blended} keeps less than 1% of the added voices' norm once the subtracted voices are taken away`
      : null;
  }

  private blend(voice: ResolvedVoice): Float32Array | number {
    const [only, ...others] = voice.components;
    if (only === undefined) throw new RangeError(`voice '${voice.id}' has no components`);
    if (others.length === 0 && only.weight === 1) return this.pack(only.name);
    // Keyed by name order and full-precision weights: the id rounds weights and keeps the requested order.
    const key = voiceMixKey(voice);
    let blended = this.blends.get(key);
    if (blended === undefined) {
      const parts = voice.components.map((c) => ({ pack: this.pack(c.name), weight: c.weight }));
      if (parts.some((p) => p.weight < 0)) {
        const result = subtractivePack(parts, STYLE_DIM);
        blended = result.ok ? result.pack : result.row;
      } else blended = blendPacks(parts);
      this.blends.set(key, blended);
    }
    return blended;
  }

  /** The style vector (a fresh 256-float copy) for an input of `phonemeCount` ids, pads excluded. */
  styleFor(voice: ResolvedVoice, phonemeCount: number): Float32Array {
    return styleRow(this.packFor(voice), phonemeCount);
  }
}

function checkedPack(pack: Float32Array, name: string, source: string): Float32Array {
  if (pack.length !== PACK_FLOATS) throw new VoiceFileError(`${source}: voice '${name}' has ${pack.length} values, expected ${PACK_FLOATS}`);
  return pack;
}

async function startsWithZipMagic(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = new Uint8Array(ZIP_MAGIC.length);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return bytesRead === head.length && ZIP_MAGIC.every((byte, i) => head[i] === byte);
  } finally {
    await file.close();
  }
}

export interface LoadVoicesOptions {
  /** A folder of the user's own `<name>.bin` voices (e.g. from `kokoro voices blend`), added to the others. */
  readonly customVoices?: string | undefined;
  /** Config `customVoiceLanguages`: a custom voice's language by name (else its Kokoro prefix's, else en-us). */
  readonly customVoiceLanguages?: Readonly<Record<string, Lang>> | undefined;
  /** Config `voicePresets`. */
  readonly presets?: Readonly<Record<string, PresetDefinition>> | undefined;
}

async function readVoicePacks(path: string): Promise<Map<string, PackSource>> {
  const stats = await stat(path);
  if (stats.isDirectory()) return readBinVoiceDir(path);
  if (!(await startsWithZipMagic(path))) {
    throw new VoiceFileError(`${path}: neither a directory of .bin voices nor a NumPy .npz file`);
  }
  return openNpzVoices(path);
}

/**
 * Loads voices from a directory of `<name>.bin` files or from one NumPy `.npz` file (e.g. voices-v1.0.bin), plus
 * the custom voices folder; a custom voice may not reuse a loaded voice's name.
 */
export async function loadVoices(path: string, options: LoadVoicesOptions = {}): Promise<VoiceStore> {
  const packs = await readVoicePacks(path);
  const { customVoices, customVoiceLanguages = {} } = options;
  if (customVoices === undefined) {
    const named = Object.keys(customVoiceLanguages);
    if (named.length > 0) throw new VoiceFileError(`customVoiceLanguages names ${named.map((n) => `'${n}'`).join(", ")}, but customVoices (the folder) is not set`);
    return new VoiceStore(packs, path, options.presets);
  }
  const custom = await readCustomVoices(customVoices, customVoiceLanguages);
  for (const [name, pack] of custom.packs) {
    if (packs.has(name)) throw new VoiceFileError(`customVoices ${customVoices}: '${name}' is already a voice in ${path}`);
    packs.set(name, pack);
  }
  return new VoiceStore(packs, `${path} + ${customVoices}`, options.presets, custom.infos);
}
