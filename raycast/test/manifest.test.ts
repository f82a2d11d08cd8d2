// The Raycast manifest (package.json) agrees with the code: one entry file per command, the preferences the code
// reads, and a 512×512 PNG icon.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { voiceFromName } from "../src/lib/languages";
import { parsePreferences, type RawPreferences } from "../src/lib/preferences";
import { voiceTitle } from "../src/lib/server-client";

interface Manifest {
  name: string;
  title: string;
  icon: string;
  license: string;
  author: string;
  categories: string[];
  commands: { name: string; title: string; mode: string; description: string }[];
  preferences: {
    name: string;
    type: string;
    required: boolean;
    default?: string;
    title: string;
    data?: { title: string; value: string }[];
  }[];
  scripts: Record<string, string>;
}

const root = join(__dirname, "..");
/** kokoro-server's table of Kokoro's voice files: one `  <name>: "<sha256>",` line per voice. */
const VOICE_TABLE = join(root, "..", "src", "assets", "voice-checksums.ts");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;

describe("manifest", () => {
  it("declares the three commands, each with its entry file", () => {
    expect(manifest.commands.map((c) => [c.name, c.title, c.mode])).toEqual([
      ["speak-selected-text", "Speak Selected Text", "no-view"],
      ["speak-text", "Speak Text", "view"],
      ["stop-speaking", "Stop Speaking", "no-view"],
    ]);
    for (const command of manifest.commands) {
      const file = command.mode === "view" ? `${command.name}.tsx` : `${command.name}.ts`;
      expect(existsSync(join(root, "src", file)), file).toBe(true);
      expect(command.description.length).toBeGreaterThan(0);
    }
  });

  it("declares exactly the preferences the code reads, with defaults the code accepts", () => {
    const keys: (keyof RawPreferences)[] = [
      "serverUrl",
      "voice",
      "customVoice",
      "speed",
      "apiKey",
      "kokoroPath",
      "daemonUrl",
    ];
    expect(manifest.preferences.map((p) => p.name).sort()).toEqual([...keys].sort());
    expect(manifest.preferences.find((p) => p.name === "apiKey")?.type).toBe("password");
    const defaults = Object.fromEntries(manifest.preferences.map((p) => [p.name, p.default])) as RawPreferences;
    expect(parsePreferences(defaults)).toEqual(parsePreferences({}));
    // No default speed: an untouched Speed preference sends none, so a voice preset's own speed applies.
    expect(manifest.preferences.find((p) => p.name === "speed")?.default).toBeUndefined();
    expect(parsePreferences(defaults).speed).toBeUndefined();
    for (const p of manifest.preferences) expect(p.required, p.name).toBe(false);
  });

  // Only inside a kokoro-server checkout, where the server's own list of voices is at hand.
  it.skipIf(!existsSync(VOICE_TABLE))(
    "offers Kokoro's 54 voices in the Voice dropdown, each titled with its language",
    () => {
      const kokoroVoices = [...readFileSync(VOICE_TABLE, "utf8").matchAll(/^\s+([a-z]{2}_[a-z0-9]+): "/gm)].map(
        (m) => m[1],
      );
      expect(kokoroVoices).toHaveLength(54);
      const voice = manifest.preferences.find((p) => p.name === "voice")!;
      expect(voice.type).toBe("dropdown");
      const data = voice.data ?? [];
      expect(data.map((d) => d.value).sort()).toEqual([...kokoroVoices].sort());
      for (const d of data) expect(d.title).toBe(voiceTitle(voiceFromName(d.value)));
      expect(data.find((d) => d.value === "ff_siwis")?.title).toBe("ff_siwis — French, female");
      expect(data.find((d) => d.value === "zm_yunxi")?.title).toBe("zm_yunxi — Mandarin Chinese, male");
      // Grouped by language: every language's voices side by side, English (US) first.
      const languages = data.map((d) => voiceFromName(d.value).language);
      expect(languages[0]).toBe("en-us");
      expect(languages.filter((l, i) => l !== languages[i - 1])).toHaveLength(9);
      expect(data.map((d) => d.value)).toContain(voice.default);
    },
  );

  it("has the store fields and an MIT license", () => {
    expect(manifest.license).toBe("MIT");
    expect(manifest.title).toBe("Kokoro TTS");
    expect(manifest.categories.length).toBeGreaterThan(0);
    expect(manifest.author).not.toBe("");
    expect(manifest.scripts.dev).toBe("ray develop");
  });

  it("ships a 512×512 PNG icon in assets/", () => {
    const png = readFileSync(join(root, "assets", manifest.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
