import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeWhole, type AudioFormat } from "../../audio/encoders/index.js";
import { concatFloat32 } from "../../audio/pcm.js";
import { loadConfig } from "../../config/load.js";
import { SAMPLE_RATE } from "../../engine/engine.js";
import { resolveVoice } from "../../engine/voices/index.js";
import { SpeechRuntime } from "../../pipeline/runtime.js";
import { prepareSpeech, synthesize } from "../../pipeline/speech.js";
import { createLogger } from "../../telemetry/logger.js";
import { addModelOptions, modelFlagsToConfig, type ModelFlags } from "../common-options.js";
import { parseSpeechRequest } from "../../server/speech-request.js";
import { readStdin } from "../read-stdin.js";

interface SayFlags extends ModelFlags {
  out?: string;
  voice?: string;
  speed?: string;
  lang?: string;
}

const FORMAT_BY_EXTENSION: Record<string, AudioFormat> = {
  ".wav": "wav",
  ".pcm": "pcm",
  ".mp3": "mp3",
  ".opus": "opus",
  ".ogg": "opus",
  ".aac": "aac",
  ".flac": "flac",
};

export function registerSay(program: Command): void {
  addModelOptions(
    program
      .command("say")
      .description("synthesize TEXT (or stdin) to a file; playback through the audio daemon comes later")
      .argument("[text]", "text to speak; '-' or nothing reads standard input")
      .requiredOption("--out <file>", "output file; the extension picks the format: .wav, .mp3, .opus/.ogg, .aac, .flac, or .pcm (raw s16le 24 kHz mono)")
      .option("--voice <voice>", "voice name, OpenAI name or blend such as 'af_bella(2)+af_sky(1)'")
      .option("--speed <speed>", "0.25 to 4.0", "1")
      .option("--lang <lang>", "en-us or en-gb (default: the voice's language)"),
  ).action(async (text: string | undefined, flags: SayFlags) => {
    const out = flags.out!;
    const format = FORMAT_BY_EXTENSION[path.extname(out).toLowerCase()];
    if (!format) throw new Error(`cannot tell the format from '${out}': use .wav, .pcm, .mp3, .opus/.ogg, .aac or .flac`);
    const input = text === undefined || text === "-" ? await readStdin() : text;

    const { config } = loadConfig({ file: flags.config, flags: { ...modelFlagsToConfig(flags), logLevel: flags.logLevel ?? "warn" } });
    // The same validation as the HTTP endpoint, so the CLI and the server accept exactly the same requests.
    const req = parseSpeechRequest(
      { input, voice: flags.voice, speed: Number(flags.speed), lang: flags.lang, response_format: format },
      config,
    );
    const runtime = new SpeechRuntime(config, createLogger(config.logLevel));
    try {
      const services = await runtime.start();
      const resolved = resolveVoice(req.voice, services.voices);
      if (!resolved.ok) throw new Error(resolved.message);
      const lang = req.lang ?? (resolved.voice.language === "en-gb" ? "en-gb" : "en-us");
      const prepared = await prepareSpeech(
        { text: req.input, voice: resolved.voice, speed: req.speed, lang, codeBlocks: config.codeBlocks },
        services.g2p,
      );
      const parts: Float32Array[] = [];
      for await (const chunk of synthesize(prepared, services)) parts.push(chunk.samples);
      const samples = concatFloat32(parts);
      await writeFile(out, await encodeWhole(format, samples));
      console.log(`wrote ${out} (${(samples.length / SAMPLE_RATE).toFixed(2)} s, ${format})`);
    } finally {
      await runtime.close();
    }
  });
}
