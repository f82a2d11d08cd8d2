// Download: one non-streamed request in the chosen format, saved through a Blob link.
import { postSpeech } from "./api.js";

const EXTENSIONS = { mp3: "mp3", opus: "opus", aac: "aac", flac: "flac", wav: "wav", pcm: "pcm" };

/** `kokoro-af_bella-2-af_sky-1-20250101-120000.wav`: voice and local time, safe on every file system. */
export function downloadName(voice, format, date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  const stamp = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  const slug = voice.replace(/[^A-Za-z0-9_]+/g, "-").replace(/^-+|-+$/g, "") || "voice";
  return `kokoro-${slug}-${stamp}.${EXTENSIONS[format] ?? format}`;
}

/**
 * Fetches the whole file through `post` (the speech endpoint unless told) and saves it, named after `label`
 * (the request's voice unless told); resolves with the name and the server's timing headers.
 */
export async function downloadSpeech({ request, format, apiKey, signal, post = postSpeech, label = request.voice }) {
  const res = await post({ ...request, response_format: format, stream: false }, apiKey, signal);
  const blob = await res.blob();
  const name = downloadName(label, format);
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Firefox reads the blob after click() returns: revoke it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return {
    name,
    bytes: blob.size,
    audioS: Number(res.headers.get("X-Audio-Duration")),
    rtf: Number(res.headers.get("X-RTF")),
  };
}
