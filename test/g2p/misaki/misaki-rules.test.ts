import { describe, it, expect, afterAll } from "vitest";
import { MisakiG2P } from "../../../src/g2p/misaki/misaki-g2p.js";
import type { Lang } from "../../../src/text/lang.js";
import { RecordingFallback, sharedStore } from "./misaki-helpers.js";

const fallback = new RecordingFallback();
const g2p = new MisakiG2P({ lexicons: sharedStore, fallback });
afterAll(() => g2p.close());

type Case = readonly [input: string, expected: string];

function table(name: string, cases: readonly Case[], lang: Lang = "en-us"): void {
  describe(name, () => {
    it.each(cases)("%j → %s", async (input, expected) => {
      expect(await g2p.phonemize(input, lang)).toBe(expected);
    });
  });
}

table("gold and silver lexicon hits", [
  ["hello", "həlˈO"],
  ["nations", "nˈAʃənz"], // silver only
  ["Hello, world!", "həlˈO, wˈɜɹld!"],
]);

table("POS-dependent words in context", [
  ["I will read it.", "ˌI wɪl ɹˈid ɪt."],
  ["I read it yesterday.", "ˌI ɹˈɛd ɪt jˈɛstəɹdˌA."],
  ["She has read it.", "ʃˌi hæz ɹˈɛd ɪt."],
  ["Record the record.", "ɹəkˈɔɹd ðə ɹˈɛkəɹd."],
  ["They live here.", "ðˌA lˈɪv hˈɪɹ."],
  ["We saw a live show.", "wˌi sˈɔ ɐ lˈIv ʃˈO."],
  ["Close the door, it is close.", "klˈOz ðə dˈɔɹ, ɪt ɪz klˈOs."],
  ["The use of force.", "ðə jˈus ʌv fˈɔɹs."],
  ["I used to swim.", "ˌI jˈust tə swˈɪm."],
  ["It is used to cut.", "ˌɪt ɪz jˈuzd tə kˈʌt."],
  ["We object to the object.", "wˌi əbʤˈɛkt tə ði ˈɑbʤəkt."],
  ["A minute detail.", "ɐ mInˈut dətˈAl."],
  ["Give me that.", "ɡˈɪv mˌi ðˈæt."],
  ["I know that he left.", "ˌI nˈO ðæt hi lˈɛft."],
]);

table("case variants", [
  ["Hello", "həlˈO"],
  ["HELLO", "həlˈO"],
  ["Tomato", "təmˈATO"],
]);

table("possessives and plurals, -s voicing", [
  ["John's", "ʤˈɑnz"],
  ["the boss's", "ðə bˈɔsᵻz"],
  ["podcasts", "pˈɑdkˌæsts"],
  ["emails", "ˈimˌAlz"],
  ["selfies", "sˈɛlfiz"],
  ["kayaks", "kˈIˌæks"],
  ["the dogs' bones", "ðə dˈɔɡz bˈOnz"],
]);

table("-ed: t, d, ᵻd and the US flap", [
  ["kayaked", "kˈIˌækt"],
  ["googled", "ɡˈuɡᵊld"],
  ["texted", "tˈɛkstᵻd"],
  ["wanted", "wˈɑntᵻd"],
  ["waited", "wˈATᵻd"],
  ["blogged", "blˈɑɡd"],
]);

table("-ing", [
  ["googling", "ɡˈuɡᵊlɪŋ"],
  ["blogging", "blˈɑɡɪŋ"],
  ["emailing", "ˈimˌAlɪŋ"],
]);

table("-er, -est, -ly and other suffixes on known stems", [
  ["smartest", "smˈɑɹTᵻst"],
  ["podcaster", "pˈɑdkˌæstəɹ"],
  ["selfishly", "sˈɛlfəʃli"],
  ["blogless", "blˈɑɡləs"],
]);

table("hyphenated and compound words", [
  ["well-known", "wˌɛlnˈOn"],
  ["A-frame", "ˈAfɹˌAm"],
  ["COVID-19", "kˈOvˌɪd nˌIntˈin"],
  ["example.com", "ɪɡzˈæmpəl dˈɑt kˈɑm"],
]);

table("function-word reductions", [
  ["the apple", "ði ˈæpᵊl"],
  ["the cat", "ðə kˈæt"],
  ["to eat", "tʊ ˈit"],
  ["to go", "tə ɡˌO"],
  ["where to.", "wˌɛɹ tu."],
  ["an owl", "ɐn ˈWl"],
  ["a cat", "ɐ kˈæt"],
  ["in the box", "ɪn ðə bˈɑks"],
  ["come in.", "kˈʌm ˈɪn."],
  ["stand by.", "stˈænd bˈI."],
]);

table("all-caps initialisms are spelled", [
  ["the FBI", "ði ˌɛfbˌiˈI"], // a vowel follows: ði,
  ["NASA", "nˈæsə"],
]);

table("numbers left in the text", [
  ["1984", "nˌIntˈin ˈATi fˈɔɹ"],
  ["3.5", "θɹˈi pYnt fˈIv"],
  ["the 21st", "ðə twˈɛnti fˈɜɹst"],
  ["42 cats", "fˈɔɹTi tˈu kˈæts"],
  ["the 1990s", "ðə nˌIntˈin nˈIndiz"],
]);

table("punctuation is kept, other marks are dropped", [
  ['He said: "no" (really) — fine… ok; yes!', 'hˌi sˈɛd: "nˈO" (ɹˈiᵊli) — fˈIn… ˌOkˈA; jˈɛs!'],
  ["a * b", "ɐ bˈi"],
  ["wait -- what", "wˈAt — wˌʌt"],
]);

table(
  "en-gb uses the British lexicons",
  [
    ["tomato", "təmˈɑːtQ"],
    ["The butter is better.", "ðə bˈʌtə ɪz bˈɛtə."],
    ["waited", "wˈAtɪd"],
  ],
  "en-gb",
);

describe("US flap", () => {
  it("writes ɾ as T and never emits ɾ or ʔ", async () => {
    const out = await g2p.phonemize("butter, water, a little bottle", "en-us");
    expect(out).toBe("bˈʌTəɹ, wˈɔTəɹ, ɐ lˈɪTᵊl bˈɑTəl");
    expect(out).not.toMatch(/[ɾʔ]/u);
  });
});

describe("tokens()", () => {
  it("gives one token per word and mark, with spaces that rebuild the phoneme string", async () => {
    const tokens = await g2p.tokens("Hi, Kokoro's fans!", "en-us");
    expect(tokens.map((t) => [t.text, t.kind, t.spaceAfter])).toEqual([
      ["Hi", "word", false],
      [",", "punct", true],
      ["Kokoro's", "word", true],
      ["fans", "word", false],
      ["!", "punct", false],
    ]);
    expect(tokens[0]?.phonemes).toBe("hˈI");
    expect(tokens[1]?.phonemes).toBe(",");
  });

  it("returns nothing for empty or blank text", async () => {
    expect(await g2p.tokens("", "en-us")).toEqual([]);
    expect(await g2p.phonemize("  \n ", "en-gb")).toBe("");
  });

  it("rejects an unsupported language", async () => {
    await expect(g2p.tokens("hi", "fr" as Lang)).rejects.toThrow(/unsupported language/u);
  });
});

table("demonstrative versus complementizer that", [
  ["I think that that is odd.", "ˌI θˈɪŋk ðæt ðˈæt ɪz ˈɑd."],
  ["that book", "ðˈæt bˈʊk"],
  ["the fact that John left", "ðə fˈækt ðæt ʤˈɑn lˈɛft"],
]);
