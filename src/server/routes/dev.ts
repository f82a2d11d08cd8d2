import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { InvalidPhonemesError } from "../../g2p/index.js";
import type { FrontEnd } from "../../pipeline/front-end.js";
import { normalizationSchema, parseLang } from "../../pipeline/request.js";
import type { NormalizationSwitches } from "../../text/normalization-options.js";
import type { Lang } from "../../text/lang.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../openapi/responses.js";
import { readyServices, requireReady } from "../require-ready.js";

const bodySchema = z.object(
  {
    input: z.string({ error: "input must be a string" }).describe("The text (at most maxInputChars characters)."),
    lang: z.string({ error: "lang must be a string" }).optional().describe("A language code (en-us, en-gb, es, fr-fr, hi, it, ja, pt-br, zh, or a short form); default en-us."),
    normalization: normalizationSchema.optional(),
  },
  { error: "request body must be a JSON object" },
);

export interface DevRouteOptions {
  readonly runtime: RuntimeView;
  readonly maxInputChars: number;
  readonly codeBlocks: "skip" | "read";
}

/** Developer endpoints that show what the front-end makes of a text: `/dev/normalize`, `/dev/phonemize`. */
export const devRoutes: FastifyPluginAsyncZod<DevRouteOptions> = async (app, options) => {
  // Both run in the front-end's worker thread, like every request's text work.
  const frontEnd = (): FrontEnd => readyServices(options.runtime).frontEnd;
  const preHandler = requireReady(options.runtime, { what: "the front-end is still loading" });
  const read = (body: z.infer<typeof bodySchema>): { input: string; lang: Lang; codeBlocks: "skip" | "read"; normalization: NormalizationSwitches } => {
    const chars = [...body.input].length;
    if (chars > options.maxInputChars) {
      throw new ApiError(400, `input is ${chars} characters; the limit is ${options.maxInputChars}`, "input_too_long", "input");
    }
    return { input: body.input, lang: parseLang(body.lang) ?? "en-us", codeBlocks: options.codeBlocks, normalization: body.normalization ?? {} };
  };

  const normalize = { summary: "The text as the normalizer reads it", body: bodySchema, response: { 200: z.object({ text: z.string() }), ...errorResponses } };
  app.post("/dev/normalize", { schema: normalize, preHandler }, async (request) => {
    const { input, ...how } = read(request.body);
    return { text: await frontEnd().normalize(input, how) };
  });

  const phonemesSchema = z.object({ phonemes: z.string(), tokens: z.array(z.number()) });
  const phonemize = { summary: "The phonemes and token ids of a text", body: bodySchema, response: { 200: phonemesSchema, ...errorResponses } };
  app.post("/dev/phonemize", { schema: phonemize, preHandler }, async (request) => {
    const { input, ...how } = read(request.body);
    try {
      return await frontEnd().phonemize(input, how);
    } catch (err) {
      if (err instanceof InvalidPhonemesError) throw new ApiError(400, err.message, "invalid_phonemes", "input");
      throw err;
    }
  });
};
