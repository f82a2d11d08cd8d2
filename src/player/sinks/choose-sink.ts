import { accessSync, constants } from "node:fs";
import path from "node:path";
import { FileSink } from "./file-sink.js";
import { NullSink } from "./null-sink.js";
import { autoOrder, PLAYER_ALIASES, PLAYERS } from "./players.js";
import { ProcessSink } from "./process-sink.js";
import type { Sink } from "./sink.js";

export type SinkSpec = { kind: "auto" } | { kind: "null" } | { kind: "file"; path: string } | { kind: "player"; name: string };

/** `auto`, `null`, `file:PATH` or a player name (ffplay, play/sox, aplay, paplay). */
export function parseSinkSpec(spec: string): SinkSpec {
  if (spec === "auto") return { kind: "auto" };
  if (spec === "null") return { kind: "null" };
  if (spec.startsWith("file:")) {
    const file = spec.slice("file:".length);
    if (!file) throw new Error("file sink needs a path: file:PATH");
    return { kind: "file", path: path.resolve(file) };
  }
  const name = PLAYER_ALIASES[spec] ?? spec;
  if (!PLAYERS[name]) throw new Error(`unknown sink '${spec}': use auto, null, file:PATH or one of ${Object.keys(PLAYERS).join(", ")}`);
  return { kind: "player", name };
}

/** The executable `command` resolves to on the PATH, if any. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const names = platform === "win32" ? [`${command}.exe`, `${command}.cmd`, command] : [command];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The first player of the platform's order that is installed, if any. */
export function autoPlayer(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  return autoOrder(platform).find((name) => findOnPath(PLAYERS[name]!.command, env, platform));
}

export interface OpenedSink {
  readonly sink: Sink;
  /** Why `auto` fell back to the null sink, when it did. */
  readonly warning?: string;
}

export async function openSink(spec: SinkSpec, env: NodeJS.ProcessEnv = process.env): Promise<OpenedSink> {
  switch (spec.kind) {
    case "null":
      return { sink: new NullSink() };
    case "file":
      return { sink: await FileSink.open(spec.path) };
    case "player": {
      const player = PLAYERS[spec.name]!;
      if (!findOnPath(player.command, env)) throw new Error(`${player.command} is not installed (not found on the PATH)`);
      return { sink: new ProcessSink(player, { env }) };
    }
    case "auto": {
      const name = autoPlayer(env);
      if (name) return { sink: new ProcessSink(PLAYERS[name]!, { env }) };
      const tried = autoOrder(process.platform).join(", ");
      return { sink: new NullSink(), warning: `no audio player found (tried ${tried}); install ffmpeg (ffplay) or sox — playing to the null sink` };
    }
  }
}
