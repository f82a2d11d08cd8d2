import { describe, expect, it } from "vitest";
import { normalizeText, type TextPiece } from "../../src/text/index.js";

const pieces = (s: string, lang: "en-us" | "en-gb" = "en-us"): TextPiece[] => normalizeText(s, { lang });
const sources = (s: string): string[] => pieces(s).map((p) => s.slice(p.span[0], p.span[1]));

describe("sentence splitting", () => {
  it.each([
    ["One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]],
    ["It is 3.5 now. Next.", ["It is 3.5 now.", "Next."]],
    ["We had 1,000 guests. Next.", ["We had 1,000 guests.", "Next."]],
    ["Visit example.com today. Next.", ["Visit example.com today.", "Next."]],
    ["Fruit, e.g. Apples. Next.", ["Fruit, e.g. Apples.", "Next."]],
    ["Ask Dr. Smith. Next.", ["Ask Dr. Smith.", "Next."]],
    ["Mr. and Mrs. Jones came. Next.", ["Mr. and Mrs. Jones came.", "Next."]],
    ["J. R. R. Tolkien wrote it. Next.", ["J. R. R. Tolkien wrote it.", "Next."]],
    ["The U.S. Army is big. Next.", ["The U.S. Army is big.", "Next."]],
    ["See No. 5 here. Next.", ["See No. 5 here.", "Next."]],
    ["Cats vs. Dogs is on. Next.", ["Cats vs. Dogs is on.", "Next."]],
    ["Apples, pears, etc. Then more.", ["Apples, pears, etc.", "Then more."]],
    ["Apples, pears, etc. and more.", ["Apples, pears, etc. and more."]],
    ["He left at 5 p.m. Then he came back.", ["He left at 5 p.m.", "Then he came back."]],
    ["Well... maybe not. Sure.", ["Well... maybe not.", "Sure."]],
    ["Well… So it goes.", ["Well…", "So it goes."]],
    ["\"Stop!\" she said. \"Go.\" Then he left.", ["\"Stop!\" she said.", "\"Go.\"", "Then he left."]],
    ["Really?! Yes.", ["Really?!", "Yes."]],
    ["It ended in 1999. 2000 began.", ["It ended in 1999.", "2000 began."]],
    ["Mail me at a.b@c.com. Thanks.", ["Mail me at a.b@c.com.", "Thanks."]],
    ["See https://x.com/a.b?c=d. Then go.", ["See https://x.com/a.b?c=d.", "Then go."]],
    ["Text ending without punctuation", ["Text ending without punctuation"]],
  ])("%j", (input, expected) => {
    expect(sources(input)).toEqual(expected);
  });

  it("gives sentences, then a paragraph break at the end", () => {
    expect(pieces("One. Two.").map((p) => p.breakAfter)).toEqual(["sentence", "paragraph"]);
  });

  it("keeps sentence-final punctuation and adds no stop to an unpunctuated ending (as misaki)", () => {
    expect(pieces("Is it? Yes! No").map((p) => p.text)).toEqual(["Is it?", "Yes!", "No"]);
  });
});

describe("the input's last sentence (issue 15: misaki adds no final period)", () => {
  it.each([
    ["hello world", "hello world"],
    ["Hello world.", "Hello world."],
    ["Is it done?", "Is it done?"],
    ["Stop!", "Stop!"],
    ["Wait…", "Wait…"],
    ['He said "hi"', 'He said "hi"'],
    ["We ate apples, pears, etc.", "We ate apples, pears, et cetera."],
    ["It ends at 5 p.m.", "It ends at five PM."],
    ["hello world  \n\n  ", "hello world"],
  ])("%j ends as %j", (input, said) => {
    expect(pieces(input).map((p) => p.text).join(" ")).toBe(said);
  });

  it("a sentence with another after it still ends with a mark (a pause inside one model call)", () => {
    expect(pieces("Title\n\nBody text\n- one\n- two").map((p) => p.text)).toEqual(["Title.", "Body text.", "one.", "two"]);
    // An emoji-only last line adds nothing to say: the sentence before it is still the last one.
    expect(pieces("Thanks\n\n🎉").map((p) => p.text)).toEqual(["Thanks"]);
  });

  it("goesOn: the head of a longer text closes its last sentence, as it reads with the rest", () => {
    expect(normalizeText("hello world", { lang: "en-us", goesOn: true }).map((p) => p.text)).toEqual(["hello world."]);
    expect(normalizeText("Is it?", { lang: "en-us", goesOn: true }).map((p) => p.text)).toEqual(["Is it?"]);
  });

  it("other languages keep their closing stop (unchanged)", () => {
    expect(normalizeText("Hola mundo", { lang: "es" }).map((p) => p.text)).toEqual(["Hola mundo."]);
  });
});

describe("line breaks", () => {
  it("a blank line ends a paragraph", () => {
    const p = pieces("First para.\n\nSecond para.");
    expect(p.map((x) => [x.text, x.breakAfter])).toEqual([["First para.", "paragraph"], ["Second para.", "paragraph"]]);
  });

  it("a wrapped line inside a sentence is joined", () => {
    expect(pieces("This sentence is\nwrapped here.").map((p) => p.text)).toEqual(["This sentence is wrapped here."]);
  });

  it("an unpunctuated line before a capital ends the sentence (titles, verse)", () => {
    expect(pieces("Roses are red\nViolets are blue").map((p) => p.text)).toEqual(["Roses are red.", "Violets are blue"]);
  });

  it("Windows line endings work the same", () => {
    expect(pieces("One.\r\n\r\nTwo.").map((p) => p.text)).toEqual(["One.", "Two."]);
  });
});

describe("very long sentences", () => {
  it("are cut at clause boundaries into 'clause' pieces, losing no words", () => {
    const input = `${Array.from({ length: 40 }, (_, i) => `clause number ${i + 1} goes here`).join(", ")}.`;
    const p = pieces(input);
    expect(p.length).toBeGreaterThan(1);
    expect(p.slice(0, -1).every((x) => x.breakAfter === "clause" && x.text.endsWith(","))).toBe(true);
    expect(p.at(-1)?.breakAfter).toBe("paragraph");
    expect(p.every((x) => x.text.length <= 450)).toBe(true);
    const words = p.map((x) => x.text).join(" ").match(/clause/g) ?? [];
    expect(words).toHaveLength(40);
  });

  it("stay whole when there is no clause boundary", () => {
    const input = `${"word ".repeat(120)}end.`;
    expect(pieces(input)).toHaveLength(1);
  });
});

describe("unspeakable pieces", () => {
  it("drops emoji-only sentences and keeps the pause they ended with", () => {
    const p = pieces("Hello there. 😀\n\nBye.");
    expect(p.map((x) => [x.text, x.breakAfter])).toEqual([["Hello there.", "paragraph"], ["Bye.", "paragraph"]]);
  });

  it.each(["", "   \n\n  ", "😀 👍", "...", "— – -", "```\ncode\n```"])("gives no pieces for %j", (input) => {
    expect(pieces(input)).toEqual([]);
  });
});
