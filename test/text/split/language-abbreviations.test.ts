import { describe, expect, it } from "vitest";
import { normalizeText } from "../../../src/text/index.js";
import type { Lang } from "../../../src/text/lang.js";
import { periodRuleFor } from "../../../src/text/split/language-abbreviations.js";

/** The sentences of `text` as the normalizer cuts them for `lang` (their source text). */
const sentences = (text: string, lang: Lang): string[] => normalizeText(text, { lang }).map((p) => text.slice(p.span[0], p.span[1]));

describe("sentence splitting knows each language's abbreviations", () => {
  const cases: Array<[Lang, string, string[]]> = [
    ["es", "El Sr. García llegó. Luego se fue.", ["El Sr. García llegó.", "Luego se fue."]],
    ["es", "La Sra. Pérez y la Dra. Ruiz hablaron. Después comieron.", ["La Sra. Pérez y la Dra. Ruiz hablaron.", "Después comieron."]],
    ["es", "¿Cómo está Ud. Señor? Bien.", ["¿Cómo está Ud. Señor?", "Bien."]],
    ["es", "Vive en la Avda. Libertad. Es bonita.", ["Vive en la Avda. Libertad.", "Es bonita."]],
    ["es", "Ver pág. 12 del libro. Gracias.", ["Ver pág. 12 del libro.", "Gracias."]],
    ["es", "Fuimos al mar. Luego volvimos.", ["Fuimos al mar.", "Luego volvimos."]], // "mar." is the sea here, not March
    ["es", "Compramos pan, leche, etc. Luego volvimos.", ["Compramos pan, leche, etc.", "Luego volvimos."]],
    ["fr-fr", "Mme. Dupont est arrivée. Elle repart demain.", ["Mme. Dupont est arrivée.", "Elle repart demain."]],
    ["fr-fr", "M. Martin et Mlle. Durand dînent. Ensuite ils partent.", ["M. Martin et Mlle. Durand dînent.", "Ensuite ils partent."]],
    ["fr-fr", "Le Dr. Bernard consulte. Venez.", ["Le Dr. Bernard consulte.", "Venez."]],
    ["fr-fr", "Voir p. 5 du livre. Merci.", ["Voir p. 5 du livre.", "Merci."]],
    ["fr-fr", "Il vit au bd. Voltaire. Il aime Paris.", ["Il vit au bd. Voltaire.", "Il aime Paris."]],
    ["it", "Il Sig. Rossi è arrivato. Poi è partito.", ["Il Sig. Rossi è arrivato.", "Poi è partito."]],
    ["it", "La Sig.ra Bianchi e il Dott. Verdi parlano. Dopo mangiano.", ["La Sig.ra Bianchi e il Dott. Verdi parlano.", "Dopo mangiano."]],
    ["it", "Chiedi alla Prof.ssa Neri. Lei sa tutto.", ["Chiedi alla Prof.ssa Neri.", "Lei sa tutto."]],
    ["it", "Leggi il cap. 3 stasera. Domani parliamo.", ["Leggi il cap. 3 stasera.", "Domani parliamo."]],
    ["pt-br", "O Sr. Silva chegou. Depois saiu.", ["O Sr. Silva chegou.", "Depois saiu."]],
    ["pt-br", "A Dra. Souza e o Prof. Lima falaram. Depois comeram.", ["A Dra. Souza e o Prof. Lima falaram.", "Depois comeram."]],
    ["pt-br", "Moro na Av. Paulista. É longe.", ["Moro na Av. Paulista.", "É longe."]],
    ["pt-br", "Vamos ao mar. Depois voltamos.", ["Vamos ao mar.", "Depois voltamos."]],
    ["pt-br", "Veja o art. 5 da lei. Obrigado.", ["Veja o art. 5 da lei.", "Obrigado."]],
  ];
  it.each(cases)("%s: %j", (lang, text, expected) => {
    expect(sentences(text, lang)).toEqual(expected);
  });

  it("a number-only abbreviation ends the sentence before a word (pág., art.)", () => {
    expect(periodRuleFor("es")("pág", "12")).toBe(true);
    expect(periodRuleFor("es")("pág", "Luego")).toBe(false);
    expect(periodRuleFor("pt-br")("art", "Depois")).toBe(false);
  });

  it("English keeps its own list, and other languages (hi, ja, zh) use it as before", () => {
    expect(sentences("Ask Dr. Smith. Next.", "en-us")).toEqual(["Ask Dr. Smith.", "Next."]);
    expect(periodRuleFor("hi")).toBe(periodRuleFor("en-us"));
    // The English list is not applied to Spanish: there "mar." is the sea, not March.
    expect(periodRuleFor("es")("dr", "García")).toBe(true);
    expect(periodRuleFor("en-us")("mar", "Then")).toBe(true);
    expect(periodRuleFor("es")("mar", "Luego")).toBe(false);
  });

  it("an initial or a dotted initialism runs on in every language", () => {
    expect(sentences("Lo dijo J. García ayer. Bien.", "es")).toEqual(["Lo dijo J. García ayer.", "Bien."]);
    expect(sentences("La O.N.U. Decide hoy. Bien.", "it")).toEqual(["La O.N.U. Decide hoy.", "Bien."]);
  });
});
