import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corsOptions, EXPOSED_HEADERS } from "../../../src/server/security/cors.js";
import { REPO_ROOT } from "../../helpers/paths.js";

/** Headers a browser acts on by itself; no page needs to read them. */
const BROWSER_DIRECTIVES = new Set(["x-content-type-options"]);

/** Every `X-…` header name the server's source sets on a reply (`.header("X-…"`). */
function xHeadersSetInSource(): string[] {
  const dir = path.join(REPO_ROOT, "src/server");
  const names = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
    for (const m of readFileSync(path.join(dir, file), "utf8").matchAll(/\.header\(\s*"(X-[A-Za-z0-9-]+)"/gu)) names.add(m[1]!);
  }
  return [...names].sort();
}

describe("CORS exposed headers", () => {
  it("lists every X- header a route sets, so a page on an allowed origin can read it", () => {
    const found = xHeadersSetInSource();
    expect(found).toEqual(expect.arrayContaining(["X-Kokoro-Ignored-Tags", "X-Voice-Id", "X-Audio-Duration"]));
    const exposed = new Set(EXPOSED_HEADERS.map((h) => h.toLowerCase()));
    expect(found.filter((h) => !exposed.has(h.toLowerCase()) && !BROWSER_DIRECTIVES.has(h.toLowerCase()))).toEqual([]);
  });

  it("hands them to @fastify/cors", () => {
    expect(corsOptions(["*"]).exposedHeaders).toEqual(expect.arrayContaining(["X-Kokoro-Ignored-Tags", "X-Voice-Id", "Content-Disposition"]));
  });
});
