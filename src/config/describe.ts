import type { Config } from "./schema.js";

/** The config as printed once at start-up and in /status: API keys are replaced by their count. */
export function redactConfig(config: Config): Record<string, unknown> {
  const { apiKeys, ...rest } = config;
  return { ...rest, apiKeys: apiKeys.length === 0 ? [] : `${apiKeys.length} key(s), hidden` };
}
