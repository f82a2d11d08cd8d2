import { describe, expect, it } from "vitest";
import { HostPolicy, hostName, isSameOrigin, OriginPolicy } from "../../../src/server/security/origin.js";

describe("Host headers", () => {
  it.each([
    ["localhost:8880", "localhost"],
    ["LocalHost.", "localhost"],
    ["127.0.0.1", "127.0.0.1"],
    ["[::1]:8880", "::1"],
    ["kokoro.lan:80", "kokoro.lan"],
    ["a b", null],
    ["[::1", null],
    ["host:port", null],
    ["user@evil.example", null],
    ["", null],
  ])("%j names the host %j", (header, name) => {
    expect(hostName(header)).toBe(name);
  });

  it("on a loopback bind allows loopback names only, plus allowedHosts", () => {
    const policy = new HostPolicy(true, ["kokoro.lan", ".example.org"]);
    for (const host of ["localhost:8880", "app.localhost", "127.0.0.1:1", "127.255.3.4", "[::1]:8880", "kokoro.lan:8880", "example.org", "tts.example.org", undefined]) {
      expect(policy.allows(host), String(host)).toBe(true);
    }
    for (const host of ["evil.example:8880", "127.0.0.1.evil.example", "localhost.evil.example", "127.0.0.256", "notexample.org", "kokoro.lan.evil", "0.0.0.0", ""]) {
      expect(policy.allows(host), host).toBe(false);
    }
  });

  it("on another bind checks nothing unless allowedHosts is set; * allows any host", () => {
    expect(new HostPolicy(false, []).allows("anything.example")).toBe(true);
    expect(new HostPolicy(false, ["kokoro.lan"]).allows("anything.example")).toBe(false);
    expect(new HostPolicy(false, ["kokoro.lan"]).allows("localhost:8880")).toBe(true);
    expect(new HostPolicy(true, ["*"]).allows("anything.example")).toBe(true);
  });
});

describe("Origin headers", () => {
  it("is the server's own origin when it names the Host, default ports included", () => {
    expect(isSameOrigin("http://127.0.0.1:8880", "127.0.0.1:8880")).toBe(true);
    expect(isSameOrigin("http://localhost", "localhost:80")).toBe(true);
    expect(isSameOrigin("https://tts.example.org", "tts.example.org")).toBe(true);
    expect(isSameOrigin("http://127.0.0.1:8881", "127.0.0.1:8880")).toBe(false);
    expect(isSameOrigin("null", "127.0.0.1:8880")).toBe(false);
    expect(isSameOrigin("chrome-extension://127.0.0.1:8880", "127.0.0.1:8880")).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:8880", undefined)).toBe(false);
  });

  it("allows no Origin, the own origin and corsOrigins", () => {
    const policy = new OriginPolicy(["https://app.example/"]);
    expect(policy.allows(undefined, "127.0.0.1:8880")).toBe(true);
    expect(policy.allows("http://127.0.0.1:8880", "127.0.0.1:8880")).toBe(true);
    expect(policy.allows("https://app.example", "127.0.0.1:8880")).toBe(true);
    expect(policy.allows("https://evil.example", "127.0.0.1:8880")).toBe(false);
    expect(policy.allows("null", "127.0.0.1:8880")).toBe(false);
    expect(new OriginPolicy(["*"]).allows("https://evil.example", "127.0.0.1:8880")).toBe(true);
  });
});
