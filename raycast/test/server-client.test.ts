import { afterEach, describe, expect, it } from "vitest";
import { ServerAuthError, ServerNotReadyError, ServerResponseError, ServerUnreachableError } from "../src/lib/errors";
import { createServerClient, parseVoices, voiceSections, voiceTitle } from "../src/lib/server-client";
import { freePort, SAMPLE_VOICES, sendJson, startFakeKokoroServer, startServer, type TestServer } from "./helpers";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("server client", () => {
  it("resolves health when the server is ready", async () => {
    server = await startFakeKokoroServer();
    expect(await createServerClient({ baseUrl: server.url }).health()).toEqual({ status: "ready", model: "fp32" });
  });

  it("reports ServerUnreachableError when nothing listens", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await createServerClient({ baseUrl: url })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect((error as ServerUnreachableError).url).toBe(url);
  });

  it("reports ServerNotReadyError while loading, with the stage and progress", async () => {
    server = await startFakeKokoroServer({ health: "loading" });
    const error = await createServerClient({ baseUrl: server.url })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerNotReadyError);
    expect((error as ServerNotReadyError).status).toBe("loading");
    expect((error as ServerNotReadyError).detail).toBe("loading, 50%");
  });

  it("reports a failed start-up with the server's error", async () => {
    server = await startFakeKokoroServer({ health: "failed" });
    const error = await createServerClient({ baseUrl: server.url })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerNotReadyError);
    expect((error as ServerNotReadyError).status).toBe("failed");
    expect((error as ServerNotReadyError).detail).toBe("model file is corrupt");
  });

  it("does not take any 200 as ready", async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { status: "ok", sink: "x" })); // the daemon, say
    await expect(createServerClient({ baseUrl: server.url }).health()).rejects.toBeInstanceOf(ServerResponseError);
  });

  it("lists voices with language (code and name) and gender", async () => {
    server = await startFakeKokoroServer();
    const voices = await createServerClient({ baseUrl: server.url }).voices();
    expect(voices).toEqual(
      SAMPLE_VOICES.details.map(({ language_name, ...rest }) => ({ ...rest, languageName: language_name })),
    );
    expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("sends the API key as a bearer token, and says when it is refused or missing", async () => {
    server = await startFakeKokoroServer({ apiKey: "sk-right" });
    expect(await createServerClient({ baseUrl: server.url, apiKey: "sk-right" }).voices()).toHaveLength(3);
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer sk-right");

    const wrong = await createServerClient({ baseUrl: server.url, apiKey: "sk-wrong" })
      .voices()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ServerAuthError);
    expect((wrong as ServerAuthError).keyWasSent).toBe(true);
    const missing = await createServerClient({ baseUrl: server.url })
      .voices()
      .catch((e: unknown) => e);
    expect((missing as ServerAuthError).keyWasSent).toBe(false);
  });

  it("parses bare voice names when details are absent, without duplicates", () => {
    expect(parseVoices({ voices: ["af_heart", "af_heart", "zm_yunxi", 3] })).toEqual([
      { id: "af_heart" },
      { id: "zm_yunxi" },
    ]);
    expect(parseVoices({ details: [{ id: "bf_emma", language: "en-gb" }], voices: ["bf_emma", "am_adam"] })).toEqual([
      { id: "bf_emma", language: "en-gb" },
      { id: "am_adam" },
    ]);
    expect(parseVoices({})).toEqual([]);
  });

  it("titles voices for the dropdown with their language: the server's name, else the extension's", () => {
    expect(voiceTitle({ id: "bf_emma", language: "en-gb", gender: "female" })).toBe("bf_emma — English (UK), female");
    expect(voiceTitle({ id: "ff_siwis", language: "fr-fr", languageName: "Français", gender: "female" })).toBe(
      "ff_siwis — Français, female",
    );
    expect(voiceTitle({ id: "zm_yunxi", language: "zh", gender: "male" })).toBe("zm_yunxi — Mandarin Chinese, male");
    expect(voiceTitle({ id: "xx_new", language: "xx" })).toBe("xx_new — xx");
    expect(voiceTitle({ id: "af_heart" })).toBe("af_heart");
  });

  it("reads language_name, and groups voices by language in the order languages first appear", () => {
    const options = parseVoices({
      details: [
        { id: "af_heart", language: "en-us", language_name: "English (US)", gender: "female" },
        { id: "jf_alpha", language: "ja", language_name: "Japanese", gender: "female" },
        { id: "am_adam", language: "en-us", language_name: "English (US)", gender: "male" },
      ],
      voices: ["af_heart", "jf_alpha", "am_adam", "custom"],
    });
    expect(options[1]).toEqual({ id: "jf_alpha", language: "ja", languageName: "Japanese", gender: "female" });
    expect(voiceSections(options).map((s) => [s.title, s.voices.map((v) => v.id)])).toEqual([
      ["English (US)", ["af_heart", "am_adam"]],
      ["Japanese", ["jf_alpha"]],
      ["Other", ["custom"]],
    ]);
  });
});
