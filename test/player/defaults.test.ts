import { describe, expect, it } from "vitest";
import { daemonPort, serverUrl } from "../../src/player/defaults.js";
import { decodeFrame, encodeFrame } from "../../src/player/frame.js";

describe("client defaults", () => {
  it("daemon port: flag, else KOKORO_DAEMON_PORT, else 8881", () => {
    expect(daemonPort(undefined, {})).toBe(8881);
    expect(daemonPort(undefined, { KOKORO_DAEMON_PORT: "9000" })).toBe(9000);
    expect(daemonPort("9100", { KOKORO_DAEMON_PORT: "9000" })).toBe(9100);
    expect(() => daemonPort("http", {})).toThrow(/invalid daemon port 'http'/);
  });

  it("server URL: flag, else KOKORO_SERVER_URL, else http://127.0.0.1:8880, without a trailing slash", () => {
    expect(serverUrl(undefined, {})).toBe("http://127.0.0.1:8880");
    expect(serverUrl(undefined, { KOKORO_SERVER_URL: "http://box:9/" })).toBe("http://box:9");
    expect(serverUrl("https://tts.example/", { KOKORO_SERVER_URL: "http://box:9" })).toBe("https://tts.example");
    expect(() => serverUrl("ftp://x", {})).toThrow(/must be http/);
    expect(() => serverUrl("nope", {})).toThrow(/invalid server URL/);
  });
});

describe("binary frames", () => {
  it("carry a big-endian uint32 sequence number before the PCM", () => {
    const frame = encodeFrame(0x01020304, Buffer.of(9, 8));
    expect([...frame]).toEqual([1, 2, 3, 4, 9, 8]);
    expect(decodeFrame(frame)).toEqual({ seq: 0x01020304, pcm: Buffer.of(9, 8) });
    expect(() => decodeFrame(Buffer.of(1, 2))).toThrow(/shorter than its 4-byte sequence number/);
  });
});
