import { describe, expect, it } from "vitest";
import { SpeechInputError } from "../../src/pipeline/errors.js";
import { parseSpeechRequest } from "../../src/pipeline/request.js";

const opts = { maxInputChars: 100, defaultVoice: "af_heart" };

function rejects(body: unknown): SpeechInputError {
  try {
    parseSpeechRequest(body, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(SpeechInputError);
    return err as SpeechInputError;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe("parseSpeechRequest", () => {
  it("applies defaults", () => {
    expect(parseSpeechRequest({ input: "Hi" }, opts)).toEqual({
      model: "kokoro",
      input: "Hi",
      voice: "af_heart",
      format: "mp3",
      speed: 1,
      explicitSpeed: false,
      lang: null,
      stream: true,
      streamFormat: "audio",
      volume: 1,
      normalization: {},
      captions: null,
      timestamps: false,
    });
  });

  it("accepts OpenAI's fields, voice as {id}, and ignores instructions", () => {
    const req = parseSpeechRequest(
      { model: "tts-1", input: "Hi", voice: { id: "nova" }, response_format: "pcm", speed: 2, instructions: "cheerful", lang: "en" },
      opts,
    );
    expect(req).toMatchObject({ model: "tts-1", voice: "nova", format: "pcm", speed: 2, lang: "en-us" });
  });

  it.each([
    [{ input: "" }, "input", /empty/],
    [{ input: "   \n" }, "input", /empty/],
    [{}, "input", /input is required/],
    [{ input: 5 }, "input", /string/],
    [{ input: "x".repeat(101) }, "input", /101 characters; the limit is 100/],
    [{ input: "hi", speed: 0 }, "speed", /between 0.25 and 4/],
    [{ input: "hi", speed: 5 }, "speed", /between 0.25 and 4/],
    [{ input: "hi", speed: "1.0" }, "speed", /number/],
    [{ input: "hi", speed: null }, "speed", /number/],
    [{ input: "hi", response_format: "ogg" }, "response_format", /unsupported response_format 'ogg'/],
    [{ input: "hi", model: "whisper-1" }, "model", /unknown model/],
    [{ input: "hi", voice: 3 }, "voice", /voice must be/],
    [{ input: "hi", voice: "  " }, "voice", /empty/],
    [{ input: "hi", lang: "de" }, "lang", /unsupported lang .de.; use one of: .*fr-fr/],
    [{ input: "hi", stream_format: "websocket" }, "stream_format", /unsupported stream_format/],
    [{ input: "hi", stream: "yes" }, "stream", /stream must be true or false/],
    [{ input: "hi", volume: 5 }, "volume", /volume must be between 0 and 4/],
    [{ input: "hi", volume: "loud" }, "volume", /volume must be a number/],
  ])("rejects %j on %s", (body, param, message) => {
    const err = rejects(body);
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
  });

  it("refuses subtitles with stream_format sse or stream true, naming both fields, before any work", () => {
    for (const format of ["srt", "vtt"]) {
      const sse = rejects({ input: "hi", response_format: format, stream_format: "sse" });
      expect(sse.param).toBe("stream_format");
      expect(sse.message).toMatch(new RegExp(`response_format ${format} .*stream_format sse`, "u"));
      const streamed = rejects({ input: "hi", response_format: format, stream: true });
      expect(streamed.param).toBe("stream");
      expect(streamed.message).toMatch(new RegExp(`response_format ${format} .*send stream false`, "u"));
    }
    // A whole file is what subtitles are: stream false, or stream left out, is fine.
    expect(parseSpeechRequest({ input: "hi", response_format: "vtt", stream: false, stream_format: "audio" }, opts)).toMatchObject({ captions: "vtt", stream: false });
    expect(parseSpeechRequest({ input: "hi", response_format: "srt" }, opts)).toMatchObject({ captions: "srt", stream: false });
  });

  it("rejects a body that is not an object", () => {
    expect(rejects([1, 2]).code).toBe("invalid_json");
    expect(rejects("text").code).toBe("invalid_json");
    expect(rejects(null).code).toBe("invalid_json");
  });

  it("counts characters, not UTF-16 units, for the length limit", () => {
    expect(parseSpeechRequest({ input: "😀".repeat(100) }, opts).input.length).toBe(200);
  });
});
