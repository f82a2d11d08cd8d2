import type { Config } from "./schema.js";

/** The config as printed once at start-up. (Nothing secret lives in it yet; API keys will be masked here.) */
export function redactConfig(config: Config): Record<string, unknown> {
  return { ...config };
}
