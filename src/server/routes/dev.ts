import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { phonemesToIds } from "../../g2p/vocab.js";
import { InvalidPhonemesError } from "../../g2p/index.js";
import type { FrontEnd } from "../../pipeline/front-end.js";
import type { RuntimeView } from "../../runtime/runtime-state.js";
import { ApiError } from "../errors.js";
import { readyServices, requireReady } from "../require-ready.js";
import { parseLang } from "../../pipeline/request.js";

const bodySchema = z.object({
  input: z.string({ error: "input must be a string" }),
  lang: z.string({ error: "lang must be a string" }).optional(),
});

function parseBody(body: unknown, maxInputChars: number): { input: string; lang: "en-us" | "en-gb" } {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.length > 0 ? String(issue.path[0]) : null;
    throw new ApiError(400, issue.message, "invalid_value", param);
  }
  const chars = [...parsed.data.input].length;
  if (chars > maxInputChars) {
    throw new ApiError(400, `input is ${chars} characters; the limit is ${maxInputChars}`, "input_too_long", "input");
  }
  return { input: parsed.data.input, lang: parseLang(parsed.data.lang) ?? "en-us" };
}

/** Developer endpoints that show what the front-end makes of a text: `/dev/normalize`, `/dev/phonemize`. */
export function devRoutes(
  app: FastifyInstance,
  runtime: RuntimeView,
  options: { maxInputChars: number; codeBlocks: "skip" | "read" },
): void {
  // Both run in the front-end's worker thread, like every request's text work.
  const frontEnd = (): FrontEnd => readyServices(runtime).frontEnd;
  const ready = { preHandler: requireReady(runtime, { what: "the front-end is still loading" }) };

  app.post("/dev/normalize", ready, async (request) => {
    const { input, lang } = parseBody(request.body, options.maxInputChars);
    return { text: await frontEnd().normalize(input, { lang, codeBlocks: options.codeBlocks }) };
  });

  app.post("/dev/phonemize", ready, async (request) => {
    const { input, lang } = parseBody(request.body, options.maxInputChars);
    try {
      const phonemes = await frontEnd().phonemize(input, { lang, codeBlocks: options.codeBlocks });
      return { phonemes, tokens: phonemesToIds(phonemes) };
    } catch (err) {
      if (err instanceof InvalidPhonemesError) throw new ApiError(400, err.message, "invalid_phonemes", "input");
      throw err;
    }
  });
}
