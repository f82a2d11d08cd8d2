// The playground page: wires the controls to the streaming player, the word highlighter and downloads.
import { ApiError, fetchVoices, loadApiKey, postDialogue, postSpeech, saveApiKey } from "./api.js";
import { createDialogueEditor } from "./dialogue-editor.js";
import { dialogueRequest, dialogueText, parsePauseMs } from "./dialogue.js";
import { downloadSpeech } from "./download.js";
import { LANGUAGE_NAMES, textForLanguage } from "./languages.js";
import { createMetrics } from "./metrics.js";
import { StreamPlayer } from "./player.js";
import { renderReader } from "./reader.js";
import { streamSpeech } from "./stream.js";
import { DEFAULT_SPEED, speedField, speedLabel } from "./speed.js";
import { createVoicePicker, groupVoices, voiceCatalogue } from "./voices.js";
import { createAligner, createWordTimeline } from "./words.js";

const $ = (id) => document.getElementById(id);
const app = $("app");
const ui = {
  text: $("text"),
  inputFormat: $("input-format"),
  speechPanel: $("speech-panel"),
  voicePicker: $("voice-picker"),
  dialoguePanel: $("dialogue-panel"),
  turns: $("turns"),
  pauseMs: $("pause-ms"),
  speed: $("speed"),
  speedValue: $("speed-value"),
  speedReset: $("speed-reset"),
  lang: $("lang"),
  format: $("format"),
  apiKey: $("api-key"),
  play: $("play"),
  stop: $("stop"),
  download: $("download"),
  reader: $("reader"),
  message: $("message"),
  status: $("server-status"),
};
const metrics = createMetrics($("metrics"), $("progress"));
/** Seconds of audio the page reads ahead of the listener; beyond it, it stops reading the stream. */
const READ_AHEAD_S = 10;

let picker = null;
let dialogue = null;
/** The voices and presets by id: language and a preset's speed (see voiceCatalogue). */
let catalogue = new Map();
/** Whether the user moved the speed slider: until then no speed is sent, and a preset's own speed applies. */
let speedTouched = false;
let session = null;
let audioContext = null;
/** The text the page starts with: like the samples, it may be replaced when the language changes. */
const defaultText = ui.text.defaultValue;

/** The page's state, also on `#app[data-state]`: loading, ready, playing, ended, stopped, error. */
function setState(state) {
  app.dataset.state = state;
  const busy = state === "playing";
  ui.play.disabled = picker === null;
  ui.download.disabled = picker === null;
  ui.stop.disabled = !busy;
}

function say(text, kind = "info") {
  ui.message.textContent = text;
  ui.message.dataset.kind = kind;
}

/** The key as typed, without stray whitespace; "" for none. */
const apiKey = () => ui.apiKey.value.trim();

/** "speech" or "dialogue". */
const mode = () => document.querySelector('input[name="mode"]:checked').value;

/** The fields both modes send when the user set them: `speed` once the slider moved, `lang` once one is chosen. */
function commonFields() {
  return { ...speedField(speedTouched, Number(ui.speed.value)), ...(ui.lang.value === "" ? {} : { lang: ui.lang.value }) };
}

function speechRequest() {
  const body = { model: "kokoro", input: ui.text.value, voice: picker.voice, ...commonFields() };
  // "" = text with inline tags (SSML too when it starts with <speak): the server's default, so not sent.
  return ui.inputFormat.value === "" ? body : { ...body, input_format: ui.inputFormat.value };
}

/**
 * What Play and Download send in the current mode: `{ request, post, text, label }` (`text` for the reader,
 * `label` for a file name). Throws an Error, to show as it is, for a request not worth sending.
 */
function currentJob() {
  if (mode() === "dialogue") {
    const turns = dialogue.turns;
    const request = dialogueRequest(turns, parsePauseMs(ui.pauseMs.value), commonFields());
    return { request, post: postDialogue, text: dialogueText(turns), label: "dialogue" };
  }
  if (ui.text.value.trim() === "") throw new Error("Type some text first.");
  const request = speechRequest();
  return { request, post: postSpeech, text: ui.text.value, label: request.voice };
}

/** The current job, or null after showing why there is none. */
function jobOrSay() {
  try {
    return currentJob();
  } catch (err) {
    say(err instanceof Error ? err.message : String(err), "error");
    return null;
  }
}

/** One playback: the request, its player, its word timeline and the loop that draws them. */
async function play() {
  const job = jobOrSay();
  if (job === null) return;
  stop("replaced");
  audioContext ??= new (window.AudioContext ?? window.webkitAudioContext)();
  // Created or resumed inside the click, as autoplay policies require.
  void audioContext.resume();
  const clicked = performance.now();
  const current = {
    controller: new AbortController(),
    player: new StreamPlayer(audioContext),
    timeline: createWordTimeline(),
    bytes: 0,
    /** Milliseconds spent not reading because enough audio was buffered (not generation time). */
    pausedMs: 0,
    streaming: true,
    frame: 0,
  };
  session = current;
  const reader = renderReader(ui.reader, job.text);
  const align = createAligner(reader.tokens);
  metrics.reset();
  say("");
  setState("playing");

  const generationS = () => (performance.now() - clicked - current.pausedMs) / 1000;
  const pace = async () => {
    while (session === current && current.player.receivedSeconds - current.player.playedSeconds > READ_AHEAD_S) {
      const since = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
      current.pausedMs += performance.now() - since;
    }
  };

  const draw = () => {
    if (session !== current) return;
    const played = current.player.playedSeconds;
    const received = current.player.receivedSeconds;
    metrics.audio(received, played, current.bytes);
    if (current.streaming && received > 0) metrics.rtf(generationS() / received, false);
    reader.mark(current.timeline.at(played));
    if (!current.streaming && current.player.ended) {
      reader.mark(current.timeline.at(received));
      metrics.audio(received, received, current.bytes);
      setState(app.dataset.state === "error" ? "error" : "ended");
      session = null;
      return;
    }
    current.frame = requestAnimationFrame(draw);
  };
  current.frame = requestAnimationFrame(draw);

  try {
    await streamSpeech({
      request: job.request,
      post: job.post,
      apiKey: apiKey(),
      signal: current.controller.signal,
      pace,
      onAudio: (samples, rate, byteCount) => {
        if (current.player.receivedSeconds === 0 && samples.length > 0) metrics.ttfa(performance.now() - clicked);
        current.bytes += byteCount;
        current.player.push(samples, rate);
      },
      onWords: (words, estimated) => {
        metrics.timings(estimated);
        for (const w of words) current.timeline.add({ token: align(w.word), start: w.start, end: w.end });
      },
    });
    metrics.rtf(generationS() / Math.max(current.player.receivedSeconds, 1e-6), true);
  } catch (err) {
    if (current.controller.signal.aborted) return;
    say(err instanceof Error ? err.message : String(err), "error");
    app.dataset.state = "error";
  } finally {
    current.streaming = false;
    current.player.finish();
  }
}

/** Stops the current playback (aborting its request) and keeps the reader where it stopped. */
function stop(why = "stopped") {
  const current = session;
  if (current === null) return;
  session = null;
  current.controller.abort();
  current.player.stop();
  cancelAnimationFrame(current.frame);
  if (why === "stopped") setState("stopped");
}

async function download() {
  const job = jobOrSay();
  if (job === null) return;
  const format = ui.format.value;
  ui.download.disabled = true;
  app.dataset.download = "pending";
  say(`Preparing ${format}…`);
  try {
    const file = await downloadSpeech({ request: job.request, post: job.post, label: job.label, format, apiKey: apiKey() });
    const rtf = Number.isFinite(file.rtf) ? `, RTF ${file.rtf.toFixed(3)}` : "";
    say(`Saved ${file.name} (${(file.bytes / 1024).toFixed(1)} KiB, ${file.audioS.toFixed(2)} s of audio${rtf}).`);
    app.dataset.download = "done";
  } catch (err) {
    say(err instanceof Error ? err.message : String(err), "error");
    app.dataset.download = "error";
  } finally {
    ui.download.disabled = picker === null;
  }
}

let loadingVoices = false;

/** Loads the voice list, waiting while the model loads (503 with Retry-After). */
async function loadVoices() {
  if (loadingVoices) return;
  loadingVoices = true;
  try {
    await loadVoicesUntilDone();
  } finally {
    loadingVoices = false;
  }
}

async function loadVoicesUntilDone() {
  for (;;) {
    try {
      ui.status.textContent = "connecting…";
      const list = await fetchVoices(apiKey());
      const groups = groupVoices(list.details, list.presets ?? []);
      catalogue = voiceCatalogue(list.details, list.presets ?? []);
      const ids = groups.flatMap((g) => g.ids);
      const container = $("voice-rows");
      container.replaceChildren();
      picker = createVoicePicker({
        container,
        addButton: $("add-voice"),
        output: $("voice-spec"),
        groups,
        catalogue,
        initial: ids.includes("af_heart") ? "af_heart" : ids[0],
        onChange: (_voice, language) => languageChanged(language),
      });
      ui.turns.replaceChildren();
      const speakers = ["af_heart", "am_adam"].every((id) => ids.includes(id)) ? ["af_heart", "am_adam"] : ids.slice(0, 2);
      dialogue = createDialogueEditor({ container: ui.turns, addButton: $("add-turn"), groups, catalogue, initialVoices: speakers });
      showSpeed();
      ui.status.textContent = `${ids.length} voices`;
      say("");
      setState("ready");
      return;
    } catch (err) {
      const retryS = err instanceof ApiError ? err.retryAfterS : null;
      if (err instanceof ApiError && err.status === 503) {
        ui.status.textContent = "model loading…";
      } else {
        ui.status.textContent = "not connected";
        say(`Could not load the voices: ${err instanceof Error ? err.message : String(err)}`, "error");
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return; // retried when the key changes
      }
      await new Promise((resolve) => setTimeout(resolve, (retryS ?? 2) * 1000));
    }
  }
}

/**
 * The reading language may have changed (another voice, or the Language select): a text box that still
 * holds the starting text or a sample gets that language's sample; typed text stays.
 */
function languageChanged(voiceLanguage) {
  const lang = ui.lang.value || voiceLanguage;
  if (lang !== undefined) ui.text.value = textForLanguage(ui.text.value, lang, defaultText);
  showSpeed();
}

/** The speed shown: the slider's once moved, else what the server will use (a preset's own speed). */
function showSpeed() {
  const preset = mode() === "speech" && picker !== null ? catalogue.get(picker.voice)?.speed : null;
  ui.speedValue.textContent = speedLabel(speedTouched, Number(ui.speed.value), preset);
  ui.speedReset.hidden = !speedTouched;
}

function showMode() {
  const dialogueMode = mode() === "dialogue";
  app.dataset.mode = mode();
  ui.speechPanel.hidden = dialogueMode;
  ui.voicePicker.hidden = dialogueMode;
  ui.dialoguePanel.hidden = !dialogueMode;
  showSpeed();
}

function init() {
  ui.apiKey.value = loadApiKey();
  // Enter in the key field saves it instead of submitting (reloading) the page.
  $("api-key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    ui.apiKey.dispatchEvent(new Event("change"));
  });
  ui.apiKey.addEventListener("change", () => {
    saveApiKey(apiKey());
    if (picker === null) void loadVoices();
  });
  ui.speed.addEventListener("input", () => {
    speedTouched = true;
    showSpeed();
  });
  ui.speedReset.addEventListener("click", () => {
    speedTouched = false;
    ui.speed.value = String(DEFAULT_SPEED);
    showSpeed();
  });
  for (const [code, name] of Object.entries(LANGUAGE_NAMES)) ui.lang.append(new Option(`${name} (${code})`, code));
  ui.lang.addEventListener("change", () => languageChanged(picker?.language));
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.addEventListener("change", showMode);
  showMode();
  ui.play.addEventListener("click", () => void play());
  ui.stop.addEventListener("click", () => stop());
  ui.download.addEventListener("click", () => void download());
  // In the text box and in any turn's text.
  for (const field of [ui.text, ui.turns]) {
    field.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && picker !== null) {
        e.preventDefault();
        void play();
      }
    });
  }
  metrics.reset();
  setState("loading");
  void loadVoices();
}

init();
