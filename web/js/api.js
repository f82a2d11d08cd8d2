// The server's API as the page uses it: same origin, optional API key as a bearer token.

const KEY_STORAGE = "kokoro-playground.api-key";

/** The saved API key, or "" (storage may be unavailable, e.g. in a locked-down private window). */
export function loadApiKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? "";
  } catch {
    return "";
  }
}

export function saveApiKey(key) {
  try {
    if (key === "") localStorage.removeItem(KEY_STORAGE);
    else localStorage.setItem(KEY_STORAGE, key);
  } catch {
    // not persisted; the key is still used for this page
  }
}

function headers(apiKey, json) {
  const h = {};
  if (json) h["Content-Type"] = "application/json";
  if (apiKey !== "") h.Authorization = `Bearer ${apiKey}`;
  return h;
}

/** An error with the server's message (OpenAI's `{error: {message}}`), its status and Retry-After. */
export class ApiError extends Error {
  constructor(message, status, retryAfterS) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.retryAfterS = retryAfterS;
  }
}

async function failure(res) {
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    if (body && body.error && typeof body.error.message === "string") message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  if (res.status === 401) message = `${message} (set the API key)`;
  const retry = Number(res.headers.get("Retry-After"));
  return new ApiError(message, res.status, Number.isFinite(retry) && retry > 0 ? retry : null);
}

/** `GET /v1/audio/voices`: `{ voices, details: [{id, language, gender}], openai_aliases, presets: [{id, voice, speed}] }`. */
export async function fetchVoices(apiKey, signal) {
  const res = await fetch("v1/audio/voices", { headers: headers(apiKey, false), signal });
  if (!res.ok) throw await failure(res);
  return res.json();
}

/** A POST of JSON that answers with audio; resolves with the response once its headers are in, or throws the server's error. */
async function postAudio(path, body, apiKey, signal) {
  const res = await fetch(path, { method: "POST", headers: headers(apiKey, true), body: JSON.stringify(body), signal });
  if (!res.ok) throw await failure(res);
  return res;
}

/** `POST /v1/audio/speech`. */
export function postSpeech(body, apiKey, signal) {
  return postAudio("v1/audio/speech", body, apiKey, signal);
}

/** `POST /v1/audio/dialogue`: `{ turns: [{voice, text}], pause_ms }` plus the speech endpoint's output fields. */
export function postDialogue(body, apiKey, signal) {
  return postAudio("v1/audio/dialogue", body, apiKey, signal);
}
