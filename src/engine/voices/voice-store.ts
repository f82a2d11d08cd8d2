// The loaded voices: name -> pack, the style row for a phoneme count, and cached blends.
import { open, readFile, stat } from "node:fs/promises";
import { readBinVoiceDir } from "./bin-dir.js";
import { blendPacks } from "./blend.js";
import { BoundedCache } from "./bounded-cache.js";
import { readNpzVoices } from "./npz.js";
import { VoiceFileError } from "../errors.js";
import { voiceInfo, type VoiceInfo } from "./voice-names.js";
import { PACK_FLOATS, styleRow } from "./voice-pack.js";
import { resolveVoice, type ResolvedVoice, type VoiceCatalog, type VoiceSpecResult } from "./voice-spec.js";

// Each blend is one 522 KB pack; 32 of them bound the cache at about 17 MB.
const BLEND_CACHE_SIZE = 32;
const ZIP_MAGIC = [0x50, 0x4b]; // "PK"

export class VoiceStore implements VoiceCatalog {
  private readonly packs: ReadonlyMap<string, Float32Array>;
  private readonly infos: ReadonlyMap<string, VoiceInfo>;
  private readonly sortedNames: readonly string[];
  private readonly blends = new BoundedCache<string, Float32Array>(BLEND_CACHE_SIZE);

  /** Takes ownership of `packs` (name -> Float32Array of 510*256); `source` names where they came from. */
  constructor(
    packs: ReadonlyMap<string, Float32Array>,
    readonly source = "memory",
  ) {
    const infos = new Map<string, VoiceInfo>();
    for (const [name, pack] of packs) {
      const info = voiceInfo(name);
      if (typeof info === "string") throw new VoiceFileError(`${source}: ${info}`);
      if (pack.length !== PACK_FLOATS) {
        throw new VoiceFileError(`${source}: voice '${name}' has ${pack.length} values, expected ${PACK_FLOATS}`);
      }
      infos.set(name, info);
    }
    if (packs.size === 0) throw new VoiceFileError(`${source}: no voices found`);
    this.packs = new Map(packs);
    this.infos = infos;
    this.sortedNames = [...packs.keys()].sort();
  }

  get size(): number {
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
    return this.packs.has(name);
  }

  info(name: string): VoiceInfo {
    const info = this.infos.get(name);
    if (info === undefined) throw new RangeError(`unknown voice '${name}'`);
    return info;
  }

  /** The whole [510 × 256] pack of a loaded voice. Shared: read it, never write to it. */
  pack(name: string): Float32Array {
    const pack = this.packs.get(name);
    if (pack === undefined) throw new RangeError(`unknown voice '${name}'`);
    return pack;
  }

  /** Resolves a requested name, OpenAI name or blend against these voices. */
  resolve(request: string): VoiceSpecResult {
    return resolveVoice(request, this);
  }

  /** The pack of a resolved voice; a blend is computed once per distinct mix and cached. Read-only. */
  packFor(voice: ResolvedVoice): Float32Array {
    const [only, ...others] = voice.components;
    if (only === undefined) throw new RangeError(`voice '${voice.id}' has no components`);
    if (others.length === 0) return this.pack(only.name);
    // Keyed by name order and full-precision weights: the id rounds weights and keeps the requested order.
    const key = [...voice.components]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((c) => `${c.name}:${c.weight}`)
      .join("+");
    let blended = this.blends.get(key);
    if (blended === undefined) {
      blended = blendPacks(voice.components.map((c) => ({ pack: this.pack(c.name), weight: c.weight })));
      this.blends.set(key, blended);
    }
    return blended;
  }

  /** The style vector (a fresh 256-float copy) for an input of `phonemeCount` ids, pads excluded. */
  styleFor(voice: ResolvedVoice, phonemeCount: number): Float32Array {
    return styleRow(this.packFor(voice), phonemeCount);
  }
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

/** Loads voices from a directory of `<name>.bin` files or from one NumPy `.npz` file (e.g. voices-v1.0.bin). */
export async function loadVoices(path: string): Promise<VoiceStore> {
  const stats = await stat(path);
  if (stats.isDirectory()) return new VoiceStore(await readBinVoiceDir(path), path);
  if (!(await startsWithZipMagic(path))) {
    throw new VoiceFileError(`${path}: neither a directory of .bin voices nor a NumPy .npz file`);
  }
  return new VoiceStore(readNpzVoices(await readFile(path), path), path);
}
