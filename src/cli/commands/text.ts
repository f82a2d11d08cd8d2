import { Option, type Command } from "commander";
import { loadConfig } from "../../config/load.js";
import { createG2P } from "../../g2p/index.js";
import { UserLexicon } from "../../g2p/misaki/user-lexicon.js";
import { LANG_CODES, LANGS, type Lang } from "../../text/lang.js";
import { phonemeIds, phonemeString, phonemizeText } from "../../pipeline/front-end.js";
import { lexiconDirFor } from "../../assets/lexicon-dir.js";
import { parseLang } from "../../pipeline/request.js";
import { normalizeToString } from "../../text/index.js";
import { CliError, formatCliError, requireFile } from "../errors.js";
import { normalizationFlag, noNormalizeOption } from "../normalization-flag.js";
import { readStdin } from "../read-stdin.js";

/** The `--lang` help: every language, as the server accepts them. */
const LANG_HELP = `language: ${LANGS.join(", ")} (also ${LANG_CODES.filter((c) => !LANGS.includes(c as Lang)).join(", ")})`;

/** `--lang`: any language code the server accepts (en-us, fr, ja, zh, cmn, Kokoro's letters a b e f h i j p z). */
function langFlag(value: string | undefined): Lang {
  try {
    return parseLang(value) ?? "en-us";
  } catch {
    throw new CliError(`--lang must be one of ${LANG_CODES.join(", ")}, not '${value}'`);
  }
}

/** Checks a user lexicon before any text is read: it must exist and be a valid lexicon. */
export async function checkUserLexicon(file: string): Promise<void> {
  const flag = "--user-lexicon (KOKORO_USER_LEXICON)";
  requireFile(file, flag);
  try {
    await new UserLexicon(file).load();
  } catch (err) {
    throw new CliError(`${flag} ${file} is not a valid user lexicon: ${formatCliError(err).replace(`${file}: `, "")}`);
  }
}

interface TextFlags {
  lang?: string;
  /** `--no-normalize <classes>`: the list, or true when absent (see normalization-flag.ts). */
  normalize?: string | boolean;
  lines?: boolean;
  tokens?: boolean;
  codeBlocks?: "skip" | "read";
  lexicons?: string;
  userLexicon?: string;
  config?: string;
}

/**
 * Inputs to convert: TEXT, or standard input (whole, or one input per line with --lines, so a
 * file of test sentences gives exactly one output line per input line, in order).
 */
async function inputs(text: string | undefined, lines: boolean | undefined): Promise<string[]> {
  if (text !== undefined && text !== "-" && !lines) return [text];
  const all = text !== undefined && text !== "-" ? text : await readStdin();
  if (!lines) return [all];
  const split = all.split(/\r?\n/);
  if (split.at(-1) === "") split.pop(); // a final newline ends the last line, it does not start another
  return split;
}

function addTextOptions(command: Command): Command {
  return command
    .argument("[text]", "text; '-' or nothing reads standard input")
    .option("--lang <lang>", LANG_HELP, "en-us")
    .option("--lines", "read standard input and treat each line as its own input (one output line each)")
    .addOption(new Option("--code-blocks <mode>", "Markdown code blocks: skip or read").choices(["skip", "read"]))
    .addOption(noNormalizeOption())
    .option("--config <file>", "JSON config file");
}

export function registerTextCommands(program: Command): void {
  addTextOptions(program.command("normalize").description("print TEXT as the front-end normalizes it (numbers, dates, abbreviations...)")).action(
    async (text: string | undefined, flags: TextFlags) => {
      const { config } = loadConfig({ file: flags.config, flags: { codeBlocks: flags.codeBlocks } });
      const lang = langFlag(flags.lang);
      const normalization = normalizationFlag(flags.normalize);
      for (const input of await inputs(text, flags.lines)) {
        const out = normalizeToString(input, { lang, codeBlocks: config.codeBlocks, normalization });
        console.log(flags.lines ? out.replace(/\s*\n\s*/g, " ") : out);
      }
    },
  );

  addTextOptions(program.command("phonemize").description("print TEXT's phonemes (misaki style) or, with --tokens, its Kokoro token ids"))
    .option("--tokens", "print token ids instead of phonemes")
    .option("--lexicons <dir>", "folder with misaki's lexicons (default: the cached copy)")
    .option("--user-lexicon <file>", "JSON user lexicon")
    .action(async (text: string | undefined, flags: TextFlags) => {
      const { config } = loadConfig({
        file: flags.config,
        flags: { codeBlocks: flags.codeBlocks, lexicons: flags.lexicons, userLexicon: flags.userLexicon },
      });
      const lang = langFlag(flags.lang);
      const normalization = normalizationFlag(flags.normalize);
      if (config.userLexicon !== undefined) await checkUserLexicon(config.userLexicon);
      const g2p = createG2P({ lexiconDir: await lexiconDirFor(config), userLexiconPath: config.userLexicon });
      try {
        for (const input of await inputs(text, flags.lines)) {
          const pieces = await phonemizeText(input, g2p, { lang, codeBlocks: config.codeBlocks, normalization });
          console.log(flags.tokens ? phonemeIds(pieces).join(" ") : phonemeString(pieces));
        }
      } finally {
        await g2p.close();
      }
    });
}
