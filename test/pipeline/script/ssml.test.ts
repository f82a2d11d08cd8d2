import { describe, expect, it } from "vitest";
import { SpeechInputError } from "../../../src/pipeline/errors.js";
import { compileInput, MAX_SSML_DEPTH, type Segment } from "../../../src/pipeline/script/index.js";
import { looksLikeSsml } from "../../../src/pipeline/script/ssml.js";
import { describeGrowth } from "../../text/shape-timing.js";
import { compileGrowth } from "./compile-growth.js";

const base = { voice: "af_heart", speed: 1, lang: null } as const;
const ssml = (input: string) => {
  const out = compileInput(input, "ssml", base);
  if (out.kind !== "script") throw new Error("expected a script");
  return out.script;
};
const segs = (input: string): Segment[] => [...ssml(input).segments];
const errorOf = (input: string): SpeechInputError => {
  try {
    ssml(input);
  } catch (err) {
    if (err instanceof SpeechInputError) return err;
    throw err;
  }
  throw new Error("no error");
};
const text = (content: string, extra: Partial<Segment> = {}) => ({ kind: "text", content, ...base, ...extra });

describe("SSML compiler: each element", () => {
  it("speak, p and s separate paragraphs and sentences", () => {
    expect(segs("<speak><p>One</p><p><s>Two</s><s>Three!</s></p></speak>")).toEqual([text("\n\nOne\n\n\n\n Two.  Three! \n\n")]);
  });

  it("break: time in s or ms, strength, default medium; none adds nothing", () => {
    expect(segs('<speak>a<break time="1.5s"/>b<break time="20ms"/>c<break strength="x-weak"/>d<break/>e<break strength="none"/>f</speak>')).toEqual([
      text("a"), { kind: "pause", ms: 1500 }, text("b"), { kind: "pause", ms: 20 }, text("c"), { kind: "pause", ms: 100 }, text("d"), { kind: "pause", ms: 400 }, text("ef"),
    ]);
  });

  it("adjacent breaks add up into one pause", () => {
    expect(segs('<speak>a<break time="1s"/> <break time="500ms"/>b</speak>')).toEqual([text("a"), { kind: "pause", ms: 1500 }, text("b")]);
  });

  it("prosody rate: a number, a percentage, a name; nested rates multiply; pitch is reported as ignored", () => {
    const script = ssml('<speak><prosody rate="2">a<prosody rate="50%">b</prosody></prosody><prosody rate="x-slow" pitch="+2st">c</prosody><prosody rate="+20%">d</prosody></speak>');
    expect(script.segments).toEqual([text("a", { speed: 2 }), text("b", { speed: 1 }), text("c", { speed: 0.6 }), text("d", { speed: 1.2 })]);
    expect(script.ignoredTags).toEqual(["prosody pitch"]);
  });

  it("say-as reads numbers, letters, digits and phone numbers in words; date and time go to the normalizer as written", () => {
    const say = (kind: string, body: string) => (segs(`<speak><say-as interpret-as="${kind}">${body}</say-as></speak>`)[0] as { content: string }).content.trim();
    expect(say("cardinal", "1,234")).toBe("one thousand two hundred thirty-four");
    expect(say("ordinal", "3")).toBe("third");
    expect(say("digits", "2024")).toBe("two zero two four");
    expect(say("characters", "Ab1")).toBe("ay bee one");
    expect(say("spell-out", "z")).toBe("zee");
    expect(say("telephone", "555-0100")).toBe("five five five, zero one zero zero");
    expect(say("date", "2024-01-05")).toBe("2024-01-05");
    expect(say("time", "10:30")).toBe("10:30");
  });

  it("phoneme becomes an inline pronunciation of its word; without a word, a phoneme segment", () => {
    expect(segs('<speak>Say <phoneme alphabet="ipa" ph="kˈOkəɹO">Kokoro</phoneme>.</speak>')).toEqual([text("Say  [Kokoro](/kˈOkəɹO/) .")]);
    expect(segs('<speak><phoneme ph="hˈi"/></speak>')).toEqual([{ kind: "phonemes", content: "hˈi", ...base }]);
  });

  it("sub speaks its alias; voice and lang change the voicing; emphasis changes nothing", () => {
    expect(segs('<speak><sub alias="doctor">Dr</sub> <voice name="af_bella(2)+af_sky">hi</voice><lang xml:lang="fr">oui</lang><emphasis level="strong">yes</emphasis></speak>')).toEqual([
      text("doctor "), text("hi", { voice: "af_bella(2)+af_sky" }), text("oui", { lang: "fr-fr" }), text("yes"),
    ]);
  });

  it("an unknown element's text is spoken and its name reported", () => {
    const script = ssml("<speak>a <audio src='x'>fallback</audio> <mark name='m'/>b</speak>");
    expect(script.segments).toEqual([text("a fallback b")]);
    expect(script.ignoredTags).toEqual(["audio", "mark"]);
  });

  it("is recognised by its <speak start when no input_format is given", () => {
    expect(looksLikeSsml('  <?xml version="1.0"?>\n<speak>hi</speak>')).toBe(true);
    expect(looksLikeSsml("<speaker> is a word")).toBe(false);
    expect(compileInput("<speak>hi</speak>", undefined, base).kind).toBe("script");
    expect(compileInput("<speak>hi</speak>", "text", base)).toEqual({ kind: "plain", text: "<speak>hi</speak>" });
  });
});

describe("SSML compiler: errors name the line and column", () => {
  it.each([
    ["<speak>\n  <p>x</q></speak>", /line 2, column 10: unexpected close tag/u],
    ["<speak>a &nbsp; b</speak>", /line 1, column 15: undefined entity/u],
    ['<!DOCTYPE speak [<!ENTITY x "boom">]><speak>&x;</speak>', /DOCTYPE is not allowed/u],
    ["<p>not speak</p>", /root element must be <speak>/u],
    ['<speak><break time="forever"/></speak>', /line 1, column \d+: 'forever' is not a duration/u],
    ['<speak><break time="11s"/></speak>', /longer than the limit/u],
    ['<speak><prosody rate="fastest">x</prosody></speak>', /not a rate/u],
    ['<speak><lang xml:lang="tlh">x</lang></speak>', /unsupported xml:lang 'tlh'/u],
    ['<speak><phoneme alphabet="x-sampa" ph="a">x</phoneme></speak>', /alphabet 'x-sampa' is not supported/u],
    ['<speak><phoneme ph="a%">x</phoneme></speak>', /invalid phoneme symbol '%' \(U\+0025\) at position 2/u],
    ["<speak><voice>x</voice></speak>", /<voice> needs a name/u],
    ["<speak>  </speak>", /nothing to speak/u],
  ])("%s", (input, message) => {
    const err = errorOf(input);
    expect(err.message).toMatch(message);
    expect(err.param).toBe("input");
  });

  it(`refuses nesting deeper than ${MAX_SSML_DEPTH}`, () => {
    const ok = "<speak>" + "<s>".repeat(MAX_SSML_DEPTH - 1) + "x" + "</s>".repeat(MAX_SSML_DEPTH - 1) + "</speak>";
    expect(() => ssml(ok)).not.toThrow();
    const deep = "<speak>" + "<s>".repeat(MAX_SSML_DEPTH) + "x" + "</s>".repeat(MAX_SSML_DEPTH) + "</speak>";
    expect(errorOf(deep).message).toMatch(/nested deeper than 32 levels/u);
  });
});

describe("SSML compiler: hostile shapes stay linear", () => {
  it.each([
    ["10k breaks", (n: number) => "<speak>a" + '<break time="1ms"/>'.repeat(n) + "b</speak>"],
    ["breaks between words", (n: number) => "<speak>" + 'w<break time="1ms"/>'.repeat(n) + "</speak>"],
    ["a long attribute", (n: number) => `<speak><sub alias="${"a".repeat(n * 20)}">x</sub></speak>`],
    ["long text", (n: number) => `<speak>${"word ".repeat(n)}</speak>`],
    ["deep nesting refused", (n: number) => "<speak>" + "<s>".repeat(n) + "</speak>"],
    ["many unknown tags", (n: number) => "<speak>" + "<u>x</u>".repeat(n) + "</speak>"],
  ])("%s: twice the input takes at most 3× the CPU time (a quadratic step's ratio is 4)", async (name, make) => {
    const g = await compileGrowth(make, ssml, 20_000);
    expect(g.ratio, describeGrowth(name, g)).toBeLessThanOrEqual(3);
  });

  it("10k breaks compile into one pause", () => {
    expect(segs("<speak>a" + '<break time="1ms"/>'.repeat(10_000) + "b</speak>")).toEqual([text("a"), { kind: "pause", ms: 10_000 }, text("b")]);
  });
});
