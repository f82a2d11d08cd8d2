import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { fileURLToPath } from "node:url";

/** The page's folder: `web/` at the repo root, three levels above this file in src/ (tsx) and in dist/. */
export const WEB_ROOT = fileURLToPath(new URL("../../../web/", import.meta.url));

/**
 * The page may load only its own files and talk only to this server: no inline script, nothing remote.
 * `blob:` is for the download link's object URL.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The web playground at `/`: plain files from `web/`, no build step. Only the files present at start-up
 * are routed (no catch-all), so unknown paths still get the API's JSON 404.
 */
export const playgroundRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: "/",
    wildcard: false,
    index: "index.html",
    // No reply.sendFile decorator: nothing else needs it, and it would clash with another static plugin.
    decorateReply: false,
    setHeaders: (reply) => {
      reply.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      reply.header("X-Content-Type-Options", "nosniff");
    },
  });
};
