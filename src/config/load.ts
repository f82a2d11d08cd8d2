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

/** Config keys that are also command-line flags (the rest only come from files and KOKORO_* variables). */
const FLAG_KEYS: ReadonlySet<string> = new Set(["host", "port", "model", "voices", "variant", "lexicons", "userLexicon", "cacheDir", "logLevel", "device", "codeBlocks"]);
const ENV_OF_KEY: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ENV_KEYS).map(([env, key]) => [key, env]));

type Source = "file" | "env" | "flags" | "merged";

/** How a user knows a setting from `source`: `--port`, `KOKORO_PORT (port)`, or the key itself. */
function settingName(key: string, source: Source): string {
  if (source === "flags" && FLAG_KEYS.has(key)) return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (source === "env" && ENV_OF_KEY[key]) return `${ENV_OF_KEY[key]} (${key})`;
  return key;
}

/** One zod issue as "NAME must be …, not 'VALUE'". */
function describeIssue(issue: z.core.$ZodIssue, layer: Record<string, unknown>, source: Source): string {
  const key = String(issue.path[0] ?? "");
  if (issue.code === "unrecognized_keys") {
    // Inside a setting's object (a voice preset): the path to it, and the keys as they are.
    if (issue.path.length > 0) return `${[settingName(key, source), ...issue.path.slice(1).map(String)].join(".")}: unknown key${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
    const keys = issue.keys.map((k) => settingName(k, source));
    return `unknown setting${keys.length === 1 ? "" : "s"} ${keys.join(", ")}`;
  }
  const name = key ? settingName(key, source) : "(root)";
  const value = key in layer ? layer[key] : undefined;
  const shown = value === undefined ? "" : `, not ${JSON.stringify(value)}`;
  const i = issue as z.core.$ZodIssue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string; values?: unknown[] };
  switch (issue.code) {
    case "invalid_type":
      return `${name} must be ${i.expected === "int" ? "a whole number" : i.expected === "number" ? "a number" : `a ${i.expected}`}${shown}`;
    case "too_small":
      return i.origin === "string" ? `${name} must not be empty` : `${name} must be ${i.inclusive ? "at least" : "more than"} ${i.minimum}${shown}`;
    case "too_big":
      return `${name} must be ${i.inclusive ? "at most" : "less than"} ${i.maximum}${shown}`;
    case "invalid_value":
      return `${name} must be one of ${(i.values ?? []).map(String).join(", ")}${shown}`;
    case "invalid_union": {
      const expected = (issue.errors ?? []).flat().map((e) => (e as { expected?: string }).expected);
      if (expected.includes("boolean")) return `${name} must be true or false${shown}`;
      if (expected.includes("array")) return `${name} must be a list (a JSON array, or comma-separated text)${shown}`;
      return `${name} has an invalid value${shown}`;
    }
    default:
      return `${name}: ${issue.message}${shown}`;
  }
}

const SOURCE_LABEL: Record<Exclude<Source, "file">, string> = {
  env: "KOKORO_* environment variables",
  flags: "command-line flags",
  merged: "config",
};

function validateLayer(layer: Record<string, unknown>, source: Source, file?: string): ConfigLayer {
  const result = configSchema.partial().safeParse(layer);
  if (!result.success) {
    const issues = result.error.issues.map((i) => describeIssue(i, layer, source)).join("; ");
    throw new ConfigError(`invalid ${source === "file" ? `config file ${file}` : SOURCE_LABEL[source]}: ${issues}`);
  }
  // Keep only keys the source actually set, so defaults don't shadow lower layers.
  return Object.fromEntries(Object.keys(layer).map((k) => [k, (result.data as Record<string, unknown>)[k]])) as ConfigLayer;
}

function readFileLayer(file: string, from: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" || code === "ENOTDIR" ? "does not exist" : code === "EISDIR" ? "is a folder, not a file" : code === "EACCES" || code === "EPERM" ? "cannot be read (permission denied)" : `cannot be read (${(err as Error).message})`;
    throw new ConfigError(`config file ${file} (${from}) ${why}`);
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

  const from = sources.file !== undefined ? "--config" : env.KOKORO_CONFIG ? "KOKORO_CONFIG" : "the default config file";
  const fileLayer = file ? validateLayer(readFileLayer(file, from), "file", file) : {};
  const fromEnv = validateLayer(envLayer(env), "env");
  const flags = Object.fromEntries(Object.entries(sources.flags ?? {}).filter(([, v]) => v !== undefined));
  const fromFlags = validateLayer(flags, "flags");

  const layered = { ...fileLayer, ...fromEnv, ...fromFlags };
  const merged = configSchema.safeParse(layered);
  if (!merged.success) {
    throw new ConfigError(`invalid config: ${merged.error.issues.map((i) => describeIssue(i, layered, "merged")).join("; ")}`);
  }
  const { headersTimeoutMs, requestTimeoutMs } = merged.data;
  // Node refuses to create a server whose headers may take longer than the whole request.
  if (requestTimeoutMs > 0 && headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`invalid config: headersTimeoutMs (${headersTimeoutMs}) must not exceed requestTimeoutMs (${requestTimeoutMs})`);
  }
  return { config: merged.data, file };
}
