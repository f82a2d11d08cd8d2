import type { Command } from "commander";
import { readFile, writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { AudioFormat } from "../../audio/encoders/index.js";
import { daemonHealth, daemonLogPath, daemonUrl, ensureDaemon, type RunningDaemon } from "../../player/daemon-client.js";
import { DaemonSocket } from "../../player/daemon-socket.js";
import { tokenHeader } from "../../player/daemon-token.js";
import { daemonPort, serverUrl } from "../../player/defaults.js";
import { errorMessageOf, readBody, readJson, request, UnreachableError } from "../../player/http-request.js";
import { playStream, type StreamOutcome } from "../../player/play-stream.js";
import { autoPlayer, parseSinkSpec } from "../../player/sinks/choose-sink.js";
import { NO_AUDIO_OUTPUT, NO_AUDIO_OUTPUT_ADVICE, isNoAudioOutput } from "../../player/sinks/no-output.js";
import { autoOrder } from "../../player/sinks/players.js";
import { noServerMessage, requestSpeech } from "../../player/speech-client.js";
import { addModelOptions, modelFlagsToConfig, type ModelFlags } from "../common-options.js";
import { CliError, formatCliError, numberFlag, portFlag, requireFile, requireWritableTarget } from "../errors.js";
import { readStdin } from "../read-stdin.js";
import { captionsFormatOf, saveCaptions } from "./say-captions.js";
import { INPUT_FORMATS, type InputFormat } from "../../pipeline/script/input-formats.js";
import type { NormalizationSwitches } from "../../text/normalization-options.js";
import { normalizationFlag, noNormalizeOption, switchesAnything } from "../normalization-flag.js";

interface SayFlags extends ModelFlags {
  file?: string;
  out?: string;
  captions?: string;
  voice?: string;
  speed?: string;
  lang?: string;
  server?: string;
  daemonPort?: string;
  sink?: string;
  queue?: boolean;
  wait: boolean;
  local?: boolean;
  verbose?: boolean;
  ssml?: boolean;
  inputFormat?: string;
  /** `--no-normalize <classes>`: the list, or true when absent (see normalization-flag.ts). */
  normalize?: string | boolean;
}

/** Model options: they make sense only when this process loads the model. */
const LOCAL_ONLY = ["model", "voices", "variant", "lexicons", "userLexicon", "device"] as const;

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
      .description("speak TEXT (or --file, or stdin) through the local audio daemon, or save it with --out")
      .argument("[text]", "text to speak; '-' or nothing reads standard input")
      .option("--file <path>", "read the text from a file")
      .option("--out <file>", "save instead of playing; the extension picks the format: .wav, .mp3, .opus/.ogg, .aac, .flac, or .pcm (raw s16le 24 kHz mono)")
      .option("--voice <voice>", "voice name, OpenAI name or blend such as 'af_bella(2)+af_sky(1)'")
      .option("--speed <speed>", "0.25 to 4.0 (default: a preset's speed, else 1)")
      .option("--ssml", "the text is SSML (same as --input-format ssml; text starting with <speak is SSML anyway)")
      .option("--input-format <format>", "text (inline [pause:1s] [voice:…] [rate:1.2] tags allowed), ssml or phonemes (Kokoro's)")
      .option("--lang <lang>", "en-us, en-gb, es, fr-fr, hi, it, ja, pt-br or zh (default: the voice's language)")
      .addOption(noNormalizeOption())
      .option("--server <url>", "speech server (default: $KOKORO_SERVER_URL, else http://127.0.0.1:8880)")
      .option("--captions <file>", "also write subtitles of the speech: .srt or .vtt (sentence cues timed to the audio --out writes)")
      .option("--daemon-port <port>", "audio daemon port (default: $KOKORO_DAEMON_PORT, else 8881)")
      .option("--sink <sink>", "sink for a daemon this command starts: auto, null, file:PATH, ffplay, play, aplay, paplay")
      .option("--queue", "play after what is already playing instead of replacing it")
      .option("--no-wait", "return as soon as the daemon has the text (the daemon fetches the audio itself)")
      .option("--local", "synthesize in this process (loads the model; no server needed); the model options below apply")
      .option("-v, --verbose", "print time to first audio (TTFA) and real-time factor (RTF) on stderr"),
  ).action(async (text: string | undefined, flags: SayFlags) => {
    const format = flags.out === undefined ? undefined : formatOf(flags.out);
    checkFlags(flags);
    const input = await readText(text, flags.file);
    if (flags.local) return sayLocal(input, flags, format);
    const modelFlag = LOCAL_ONLY.find((k) => (flags as unknown as Record<string, unknown>)[k] !== undefined);
    if (modelFlag) throw new Error(`--${modelFlag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies only with --local (the server has its own model)`);
    const server = serverUrl(flags.server);
    if (flags.captions !== undefined) {
      await saveCaptions(server, { input, input_format: inputFormatOf(flags), voice: flags.voice, speed: speedOf(flags), lang: flags.lang, normalization: normalizationOf(flags) }, flags.captions);
    }
    if (format) return saveFromServer(input, flags, server, format);
    if (!flags.wait) return handToDaemon(input, flags, server);
    return playFromServer(input, flags, server);
  });
}

function formatOf(file: string): AudioFormat {
  const format = FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
  if (!format) throw new CliError(`--out ${file}: cannot tell the format from its extension: use .wav, .pcm, .mp3, .opus/.ogg, .aac or .flac`);
  return format;
}

/** `--input-format`, or `--ssml`; undefined: the server decides (text, or SSML when it starts with <speak). */
function inputFormatOf(flags: SayFlags): InputFormat | undefined {
  if (flags.ssml && flags.inputFormat !== undefined && flags.inputFormat !== "ssml") throw new CliError(`--ssml and --input-format ${flags.inputFormat} disagree`);
  const format = flags.ssml ? "ssml" : flags.inputFormat;
  if (format === undefined) return undefined;
  if (!(INPUT_FORMATS as readonly string[]).includes(format)) throw new CliError(`--input-format must be one of ${INPUT_FORMATS.join(", ")}, not '${format}'`);
  return format as InputFormat;
}

/** `--no-normalize`: the request's `normalization`, or undefined when it switches nothing off (the body stays as it was). */
function normalizationOf(flags: SayFlags): NormalizationSwitches | undefined {
  const switches = normalizationFlag(flags.normalize);
  return switchesAnything(switches) ? switches : undefined;
}

/** Every flag that can be wrong, checked before any text is read, any server asked or any daemon started. */
function checkFlags(flags: SayFlags): void {
  const inputFormat = inputFormatOf(flags);
  // The daemon fetches with the plain speech fields: a non-text form needs the audio fetched here.
  if (!flags.wait && inputFormat !== undefined && inputFormat !== "text") throw new CliError("--no-wait takes plain text only; drop it to speak --ssml or --input-format phonemes");
  if (normalizationOf(flags) !== undefined && !flags.wait) throw new CliError("--no-wait sends the daemon plain text only; drop it to use --no-normalize");
  const speed = flags.speed === undefined ? 1 : numberFlag(flags.speed, "--speed");
  if (speed < 0.25 || speed > 4) throw new CliError(`--speed must be between 0.25 and 4, not '${flags.speed}'`);
  if (flags.out !== undefined) requireWritableTarget(flags.out, "--out");
  if (flags.captions !== undefined) {
    if (flags.local) throw new CliError("--captions asks the server for them; drop --local");
    captionsFormatOf(flags.captions);
  }
  if (flags.file !== undefined) requireFile(flags.file, "--file");
  portFlag(flags.daemonPort, "--daemon-port", "KOKORO_DAEMON_PORT", 1);
  if (flags.sink !== undefined) {
    try {
      parseSinkSpec(flags.sink);
    } catch (err) {
      throw new CliError(`--sink: ${formatCliError(err)}`);
    }
  }
  try {
    serverUrl(flags.server);
  } catch (err) {
    throw new CliError(`--server${flags.server === undefined ? " (KOKORO_SERVER_URL)" : ""}: ${formatCliError(err)}`);
  }
}

/** Writes the `--out` file, with a sentence naming it when that fails. */
async function writeOut(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(file, bytes);
  } catch (err) {
    throw new CliError(`--out ${file}: cannot write it: ${formatCliError(err).replace(`${file}: `, "")}`);
  }
}

async function readText(text: string | undefined, file: string | undefined): Promise<string> {
  if (file !== undefined) {
    if (text !== undefined && text !== "-") throw new Error("give the text as an argument or with --file, not both");
    try {
      return await readFile(file, "utf8");
    } catch (err) {
      throw new CliError(`--file ${file}: cannot read it: ${formatCliError(err).replace(`${file}: `, "")}`);
    }
  }
  if (text !== undefined && text !== "-") return text;
  if (process.stdin.isTTY) throw new Error("no text: give it as an argument, with --file, or on standard input");
  return readStdin();
}

/** Unset: left out of the request, so a voice preset's own speed applies. */
const speedOf = (flags: SayFlags): number | undefined => (flags.speed === undefined ? undefined : Number(flags.speed));

/** `--out` through the server: the whole file in the extension's format (exact sizes, `stream: false`). */
async function saveFromServer(input: string, flags: SayFlags, server: string, format: AudioFormat): Promise<void> {
  const res = await requestSpeech(server, { input, input_format: inputFormatOf(flags), voice: flags.voice, speed: speedOf(flags), lang: flags.lang, normalization: normalizationOf(flags), response_format: format, stream: false });
  const bytes = await readBody(res);
  await writeOut(flags.out!, bytes);
  const seconds = Number(res.headers["x-audio-duration"] ?? Number.NaN);
  console.log(`wrote ${flags.out} (${Number.isFinite(seconds) ? `${seconds.toFixed(2)} s, ` : ""}${format})`);
}

/**
 * The default: the server's PCM stream goes through this process into the daemon over its WebSocket, so the
 * daemon's `started` event gives the time to first audio. Starting the daemon and asking the server overlap.
 */
async function playFromServer(input: string, flags: SayFlags, server: string): Promise<void> {
  const requestedAtMs = performance.timeOrigin + performance.now();
  const [socket, speech] = await Promise.allSettled([
    connectDaemon(flags, server),
    requestSpeech(server, { input, input_format: inputFormatOf(flags), voice: flags.voice, speed: speedOf(flags), lang: flags.lang, normalization: normalizationOf(flags), response_format: "pcm", stream: true }),
  ]);
  if (socket.status === "rejected" || speech.status === "rejected") {
    if (socket.status === "fulfilled") socket.value.socket.close();
    if (speech.status === "fulfilled") speech.value.destroy();
    throw speech.status === "rejected" ? speech.reason : (socket as PromiseRejectedResult).reason;
  }
  await playThroughDaemon(socket.value, speech.value as AsyncIterable<Buffer>, flags, requestedAtMs);
}

interface ConnectedDaemon {
  readonly socket: DaemonSocket;
  readonly daemon: RunningDaemon;
  readonly port: number;
}

/**
 * With the `auto` sink and no audio player installed, a daemon could only play into the null sink: nothing
 * would be heard while `say` reported success. Say so before starting one (or using one that fell back to null).
 */
async function checkAudioPlayer(flags: SayFlags, port: number): Promise<void> {
  if ((flags.sink !== undefined && flags.sink !== "auto") || autoPlayer() !== undefined) return;
  const running = await daemonHealth(port);
  if (running !== undefined && running.sink !== undefined && running.sink !== "null") return;
  throw new CliError(`${NO_AUDIO_OUTPUT}; ${NO_AUDIO_OUTPUT_ADVICE} (no audio player is installed: tried ${autoOrder(process.platform).join(", ")}; install ffmpeg's ffplay or sox to hear speech)`);
}

/** `server`: what a daemon this command starts is configured with (with --local, the daemon's default). */
async function connectDaemon(flags: SayFlags, server?: string): Promise<ConnectedDaemon> {
  const port = daemonPort(flags.daemonPort);
  await checkAudioPlayer(flags, port);
  const daemon = await ensureDaemon(port, { sink: flags.sink, server });
  return { socket: await DaemonSocket.connect(port, daemon.token), daemon, port };
}

/**
 * The sentence for a daemon whose player has no audio output. A daemon this command started is ended (it
 * cannot play anything), so the next `say --sink null` starts a fresh one; a daemon that was already running
 * keeps its sink, so the user has to end it first.
 */
async function noAudioOutput(connected: ConnectedDaemon): Promise<CliError> {
  const { daemon, port } = connected;
  // The health seen while it started may be the bare one (asked before its token file existed): ask again.
  const health = daemon.health.pid === undefined ? ((await daemonHealth(port).catch(() => undefined)) ?? daemon.health) : daemon.health;
  const player = health.sink ?? "its player";
  if (daemon.started) {
    if (health.pid !== undefined) {
      try {
        process.kill(health.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    return new CliError(`${NO_AUDIO_OUTPUT}; ${NO_AUDIO_OUTPUT_ADVICE} (the audio daemon's player, ${player}, could not open a sound device; details in ${daemonLogPath()})`);
  }
  const pid = health.pid === undefined ? "" : ` (pid ${health.pid})`;
  return new CliError(`${NO_AUDIO_OUTPUT}; use --out FILE, or end the running audio daemon${pid}, whose player ${player} could not open a sound device, and use --sink null`);
}

async function playThroughDaemon(connected: ConnectedDaemon, source: AsyncIterable<Buffer>, flags: SayFlags, requestedAtMs: number): Promise<void> {
  const { socket } = connected;
  let firstByteAtMs: number | undefined;
  const audio = (async function* () {
    for await (const chunk of source) {
      firstByteAtMs ??= performance.timeOrigin + performance.now();
      yield chunk;
    }
  })();
  const id = `say-${process.pid}-${Date.now().toString(36)}`;
  // Ctrl-C silences what this command started, even after all its audio reached the daemon.
  const interrupt = (): void => {
    socket.send({ type: "stop", id });
    setTimeout(() => process.exit(130), 50);
  };
  process.once("SIGINT", interrupt);
  let outcome: StreamOutcome;
  try {
    outcome = await playStream(socket, audio, { id, mode: flags.queue ? "queue" : "replace" });
  } finally {
    process.off("SIGINT", interrupt);
    socket.close();
  }
  if (outcome.errors.some(isNoAudioOutput)) throw await noAudioOutput(connected);
  if (outcome.errors.length > 0) throw new Error(outcome.errors.join("; "));
  // Only for audio that was played: a TTFA of audio nobody heard would be misleading.
  if (flags.verbose) report(outcome, requestedAtMs, firstByteAtMs);
}

/**
 * TTFA from this process's start to the daemon's first sample (and, to tell the parts apart, when the request went
 * out and its first audio came back); RTF = time to receive all audio ÷ its duration.
 */
function report(o: StreamOutcome, requestedAtMs: number, firstByteAtMs: number | undefined): void {
  const lines: string[] = [];
  const since = (at: number): number => Math.round(at - performance.timeOrigin);
  if (o.startedAtMs !== undefined) lines.push(`TTFA ${since(o.startedAtMs)} ms (invocation → first sample to the sink)`);
  if (firstByteAtMs !== undefined) lines.push(`request sent at ${since(requestedAtMs)} ms, first audio byte back at ${since(firstByteAtMs)} ms`);
  const synthSeconds = (o.lastByteAtMs - requestedAtMs) / 1000;
  if (o.audioSeconds > 0) lines.push(`audio ${o.audioSeconds.toFixed(2)} s, received in ${synthSeconds.toFixed(2)} s: RTF ${(synthSeconds / o.audioSeconds).toFixed(3)}`);
  if (o.completed) lines.push(`${o.completed.reason}: played ${o.completed.seconds.toFixed(2)} s, underruns ${o.completed.underruns}`);
  console.error(lines.join("\n"));
}

/** `--no-wait`: the daemon takes the text and asks the server itself; this command returns at once. */
async function handToDaemon(input: string, flags: SayFlags, server: string): Promise<void> {
  try {
    (await request(`${server}/health`, { timeoutMs: 5000 })).resume();
  } catch (err) {
    if (err instanceof UnreachableError) throw new Error(noServerMessage(server));
    throw err;
  }
  const port = daemonPort(flags.daemonPort);
  await checkAudioPlayer(flags, port);
  // A running daemon fetches only from the server it was started with (or its allow-list): it answers 400 otherwise.
  const { token } = await ensureDaemon(port, { sink: flags.sink, server });
  const body = { text: input, voice: flags.voice, speed: speedOf(flags), lang: flags.lang, server, mode: flags.queue ? "queue" : "replace" };
  const res: IncomingMessage = await request(`${daemonUrl(port)}/play`, { json: body, headers: tokenHeader(token), timeoutMs: 5000 });
  const answer = await readJson(res);
  if (res.statusCode !== 202) throw new Error(errorMessageOf(answer, res));
  if (flags.verbose) console.error(`queued ${(answer as { id: string }).id}`);
}

/** `--local`: the model runs in this process (loaded only here, so the daemon path starts fast). */
async function sayLocal(input: string, flags: SayFlags, format: AudioFormat | undefined): Promise<void> {
  if (!flags.wait) throw new Error("--no-wait needs the server: with --local this process makes the audio");
  const [{ loadConfig }, { parseSpeechRequest }, { SpeechRuntime }, { openSpeech }, encode, { createLogger }, assets, text, { speechInput }] = await Promise.all([
    import("../../config/load.js"),
    import("../../pipeline/request.js"),
    import("../../runtime/runtime.js"),
    import("../../pipeline/speak.js"),
    import("../../pipeline/encode-speech.js"),
    import("../../telemetry/logger.js"),
    import("../../assets/index.js"),
    import("./text.js"),
    import("../../pipeline/speech-input.js"),
  ]);
  const requestedAtMs = performance.timeOrigin + performance.now();
  const { config } = loadConfig({ file: flags.config, flags: { ...modelFlagsToConfig(flags), logLevel: flags.logLevel ?? "warn" } });
  // The same start-up check as `kokoro serve`: every missing or unreachable asset at once, each flag named.
  await assets.preflightAssets({
    cacheDir: config.cacheDir ?? assets.resolveCacheDir(),
    variant: config.variant,
    modelPath: config.model,
    voicesPath: config.voices,
    lexiconDir: config.lexicons,
    autoDownload: config.autoDownload,
  });
  if (config.userLexicon !== undefined) await text.checkUserLexicon(config.userLexicon);
  // The same validation as the HTTP endpoint, so the CLI and the server accept exactly the same requests.
  const req = parseSpeechRequest({ input, input_format: inputFormatOf(flags), voice: flags.voice, speed: speedOf(flags), lang: flags.lang, normalization: normalizationOf(flags), response_format: format ?? "pcm" }, config);
  const runtime = new SpeechRuntime(config, createLogger(config.logLevel));
  try {
    const services = await runtime.start();
    // The server's own pipeline entry: same voice check, reading, planning and encoding as `kokoro serve`.
    const speech = await openSpeech(services, req, config);
    const spoken = speechInput(speech, req);
    if (format) {
      const file = await encode.wholeFile(encode.fileEncoded(speech.events(spoken, { streaming: false }), format));
      await writeOut(flags.out!, file.bytes);
      console.log(`wrote ${flags.out} (${file.audioSeconds.toFixed(2)} s, ${format})`);
      return;
    }
    const audio = encode.audioBytes(encode.streamEncoded(speech.events(spoken, { streaming: true }), "pcm"));
    await playThroughDaemon(await connectDaemon(flags), audio, flags, requestedAtMs);
  } finally {
    await runtime.close();
  }
}
