import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { readFileSync } from "node:fs";

/** Where the documents are served; both are open like the playground (see security/access.ts). */
export const OPENAPI_PATH = "/openapi.json";
export const DOCS_PATH = "/docs";

function packageVersion(): string {
  // package.json at the repo root, three levels above this file in src/ (tsx) and in dist/.
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

/**
 * Swagger UI asks a validator on the web for a badge and allows upgrading to https; this server may answer on
 * plain HTTP from a LAN address and must not reach out, so both go.
 */
const offlineCsp = (header: string): string => header.replace(/\s*upgrade-insecure-requests;/, "").replace(/\s*validator\.swagger\.io/, "");

/**
 * The OpenAPI 3 document at `/openapi.json`, generated from the routes' zod schemas as they are added, and
 * Swagger UI (bundled, nothing fetched from the web) at `/docs`. Registered before the routes and without
 * encapsulation, so that it sees every route of the app; its own routes are left out of the document.
 */
async function openApiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "kokoro-server",
        version: packageVersion(),
        description: "Local text-to-speech on Kokoro-82M with OpenAI's speech API. Errors have OpenAI's shape: {\"error\": {message, type, param, code}}.",
      },
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "Only when the server has API keys." } } },
    },
    transform: jsonSchemaTransform,
    // Schemas with an id (the error shape) go under components once.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PATH,
    uiConfig: { validatorUrl: null },
    staticCSP: true,
    transformStaticCSP: offlineCsp,
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
}

/** The plugin, registered without encapsulation so that the document covers the whole app. */
export const openApi = Object.assign(openApiPlugin, {
  [Symbol.for("skip-override")]: true,
  [Symbol.for("fastify.display-name")]: "kokoro-openapi",
});
