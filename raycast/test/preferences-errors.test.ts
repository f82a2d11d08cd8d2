import { describe, expect, it } from "vitest";
import {
  DaemonProtocolError,
  DaemonRequestError,
  DaemonStartError,
  DaemonUnreachableError,
  KokoroCommandNotFoundError,
  NoTextError,
  PreferenceError,
  ServerAuthError,
  ServerNotReadyError,
  ServerUnreachableError,
  START_SERVER_HINT,
  toastForError,
} from "../src/lib/errors";
import { DEFAULTS, parsePreferences, parseSpeed, portOf, settingsOrDefaults } from "../src/lib/preferences";
import { voiceOptions } from "../src/lib/server-client";

describe("preferences", () => {
  it("fills in the defaults for empty preferences", () => {
    expect(parsePreferences({})).toEqual({
      serverUrl: "http://127.0.0.1:8880",
      daemonUrl: "http://127.0.0.1:8881",
      voice: "af_heart",
      speed: undefined,
      apiKey: undefined,
      kokoroCommand: "kokoro",
    });
    expect(parsePreferences({ serverUrl: " ", voice: "", speed: " ", apiKey: "  ", kokoroPath: "" })).toEqual(
      parsePreferences({}),
    );
  });

  it("normalizes URLs: adds http://, drops the trailing slash", () => {
    const settings = parsePreferences({ serverUrl: "localhost:9000/", daemonUrl: "https://box.local:8443/" });
    expect(settings.serverUrl).toBe("http://localhost:9000");
    expect(settings.daemonUrl).toBe("https://box.local:8443");
  });

  it("rejects unusable values with the preference's title", () => {
    expect(() => parsePreferences({ serverUrl: "ftp://x" })).toThrow(
      new PreferenceError("Server URL", "'ftp://x' is not an http:// URL"),
    );
    expect(() => parsePreferences({ daemonUrl: "http://" })).toThrow(PreferenceError);
    expect(() => parsePreferences({ voice: "af heart" })).toThrow(PreferenceError);
    expect(() => parsePreferences({ speed: "5" })).toThrow(new PreferenceError("Speed", "must be between 0.25 and 4"));
    expect(settingsOrDefaults({ speed: "5", voice: "bf_emma" })).toMatchObject({
      speed: DEFAULTS.speed,
      voice: "bf_emma",
    });
  });

  it("uses Other Voice, as written, instead of the Voice dropdown when it is set", () => {
    expect(parsePreferences({ voice: "jf_alpha" }).voice).toBe("jf_alpha");
    expect(parsePreferences({ voice: "jf_alpha", customVoice: "  " }).voice).toBe("jf_alpha");
    expect(parsePreferences({ voice: "jf_alpha", customVoice: " narrator " }).voice).toBe("narrator");
    expect(parsePreferences({ voice: "jf_alpha", customVoice: "af_bella(2) + af_sky" }).voice).toBe(
      "af_bella(2) + af_sky",
    );
    expect(settingsOrDefaults({ customVoice: "narrator", speed: "9" }).voice).toBe("narrator");
  });

  it("leaves the speed to the server (no speed sent) when the Speed preference is empty", () => {
    expect(parsePreferences({}).speed).toBeUndefined();
    expect(parsePreferences({ speed: "  " }).speed).toBeUndefined();
    expect(parsePreferences({ speed: "1" }).speed).toBe(1);
    expect(parseSpeed("")).toEqual({ ok: true, speed: undefined });
    expect(parseSpeed(undefined)).toEqual({ ok: true, speed: undefined });
  });

  it("parses speeds, with a decimal comma too", () => {
    expect(parseSpeed("1,5")).toEqual({ ok: true, speed: 1.5 });
    expect(parseSpeed("0.25")).toEqual({ ok: true, speed: 0.25 });
    expect(parseSpeed("0.2")).toEqual({ ok: false, message: "must be between 0.25 and 4" });
    expect(parseSpeed("x")).toEqual({ ok: false, message: "'x' is not a number" });
  });

  it("knows the port of a URL", () => {
    expect(portOf("http://127.0.0.1:8881")).toBe(8881);
    expect(portOf("http://host")).toBe(80);
    expect(portOf("https://host")).toBe(443);
  });
});

describe("toastForError", () => {
  it("tells how to start a server that is down", () => {
    expect(toastForError(new ServerUnreachableError("http://127.0.0.1:8880", "connection refused"))).toEqual({
      title: "Kokoro server is not running",
      message: `${START_SERVER_HINT}. Nothing answered at http://127.0.0.1:8880.`,
    });
  });

  it("gives each failure its own title", () => {
    const cases: [unknown, string][] = [
      [new ServerNotReadyError("u", "loading", "warming"), "Kokoro server is still starting"],
      [new ServerNotReadyError("u", "failed", "boom"), "Kokoro server failed to start"],
      [new ServerAuthError("u", true), "Kokoro server rejected the API key"],
      [new ServerAuthError("u", false), "Kokoro server needs an API key"],
      [new KokoroCommandNotFoundError("kokoro", ["/usr/bin"]), "Cannot start the Kokoro daemon"],
      [new DaemonStartError("/x/kokoro", "it exited (exit code 1)", "/tmp/log", "oops"), "Kokoro daemon did not start"],
      [new DaemonUnreachableError("u", "connection refused"), "Kokoro daemon is not running"],
      [new DaemonUnreachableError("u", "timed out"), "Kokoro daemon is not responding"],
      [new ServerUnreachableError("u", "timed out"), "Kokoro server is not responding"],
      [new ServerUnreachableError("u", "unknown host"), "Kokoro server is not running"],
      [new DaemonProtocolError("u", "GET /health answered HTTP 404"), "Daemon URL is taken by another program"],
      [new DaemonRequestError(400, "text is too long"), "Kokoro daemon refused the text"],
      [new NoTextError("selection"), "No text selected"],
      [new NoTextError("input"), "Nothing to speak"],
      [new PreferenceError("Speed", "bad"), "Invalid preference: Speed"],
      [new Error("surprise"), "Kokoro failed"],
      ["a string", "Kokoro failed"],
    ];
    expect(cases.map(([err]) => toastForError(err).title)).toEqual(cases.map(([, title]) => title));
    expect(toastForError(new DaemonRequestError(400, "text is too long")).message).toBe("text is too long");
    expect(
      toastForError(new DaemonStartError("/x/kokoro", "it exited (exit code 1)", "/tmp/log", "oops")).message,
    ).toBe("it exited (exit code 1) — oops. Try `/x/kokoro daemon` in a terminal. Log: /tmp/log");
  });
});

describe("voiceOptions", () => {
  it("keeps the server's order and adds the preferred voice when the server lacks it", () => {
    const server = [{ id: "af_heart" }, { id: "bf_emma" }];
    expect(voiceOptions(server, "bf_emma")).toEqual(server);
    // A preferred voice the server does not list keeps the language its name says (or none, for other names).
    expect(voiceOptions(server, "zf_xiaoxiao")).toEqual([
      { id: "zf_xiaoxiao", language: "zh", gender: "female" },
      ...server,
    ]);
    expect(voiceOptions(undefined, "narrator")).toEqual([{ id: "narrator" }]);
  });
});
