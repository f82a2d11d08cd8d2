import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { configSchema, ENV_KEYS, type Config, type ConfigLayer } from "./schema.js";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export interface ConfigSources {
  /** Explicit config file (`--config`); otherwise $KOKORO_CONFIG, otherwise the XDG config file if present. */
  readonly file?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** CLI flags, already mapped to config keys; undefined values are ignored. */
  readonly flags?: Record<string, unknown>;
}

export interface LoadedConfig {
  readonly config: Config;
  /** The config file that was read, if any. */
  readonly file: string | null;
}

function defaultConfigFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "kokoro-server", "config.json");
}

function validateLayer(layer: Record<string, unknown>, source: string): ConfigLayer {
  const result = configSchema.partial().safeParse(layer);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ConfigError(`invalid config from ${source}: ${issues}`);
  }
  // Keep only keys the source actually set, so defaults don't shadow lower layers.
  return Object.fromEntries(Object.keys(layer).map((k) => [k, (result.data as Record<string, unknown>)[k]])) as ConfigLayer;
}

function readFileLayer(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return z.record(z.string(), z.unknown()).parse(parsed);
  } catch {
    throw new ConfigError(`config file ${file} is not a JSON object`);
  }
}

function envLayer(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const layer: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== "") layer[key] = value;
  }
  return layer;
}

/** Defaults < config file < KOKORO_* env < CLI flags, validated once. */
export function loadConfig(sources: ConfigSources = {}): LoadedConfig {
  const env = sources.env ?? process.env;
  const explicit = sources.file ?? env.KOKORO_CONFIG;
  let file: string | null = null;
  if (explicit) file = explicit;
  else if (existsSync(defaultConfigFile(env))) file = defaultConfigFile(env);

  const fileLayer = file ? validateLayer(readFileLayer(file), `config file ${file}`) : {};
  const fromEnv = validateLayer(envLayer(env), "KOKORO_* environment variables");
  const flags = Object.fromEntries(Object.entries(sources.flags ?? {}).filter(([, v]) => v !== undefined));
  const fromFlags = validateLayer(flags, "command-line flags");

  const merged = configSchema.safeParse({ ...fileLayer, ...fromEnv, ...fromFlags });
  if (!merged.success) {
    throw new ConfigError(`invalid config: ${merged.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const { headersTimeoutMs, requestTimeoutMs } = merged.data;
  // Node refuses to create a server whose headers may take longer than the whole request.
  if (requestTimeoutMs > 0 && headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`invalid config: headersTimeoutMs (${headersTimeoutMs}) must not exceed requestTimeoutMs (${requestTimeoutMs})`);
  }
  return { config: merged.data, file };
}
