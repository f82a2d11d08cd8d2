// Kokoro's nine languages as the page shows them: their names, a sample sentence each, and when a sample may
// take the place of what is in the text box.

/** Names for people, as the server's `language_name` gives them (used when a server sends none). */
export const LANGUAGE_NAMES = {
  "en-us": "English (US)",
  "en-gb": "English (UK)",
  es: "Spanish",
  "fr-fr": "French",
  hi: "Hindi",
  it: "Italian",
  ja: "Japanese",
  "pt-br": "Portuguese (Brazil)",
  zh: "Mandarin Chinese",
};

/** One everyday sentence per language, each with a number for the front-end to read. */
export const SAMPLE_SENTENCES = {
  "en-us": "The coffee shop on Main Street opens at 7 in the morning, and the first cup is on the house.",
  "en-gb": "The train to Manchester leaves from platform 4 in ten minutes, so we had better hurry.",
  es: "El tren a Sevilla sale a las 8 de la mañana y tarda unas tres horas en llegar.",
  "fr-fr": "Nous avons rendez-vous à 15 heures devant la boulangerie, juste à côté de la gare.",
  hi: "मैं हर सुबह 6 बजे उठता हूँ और पार्क में टहलने जाता हूँ।",
  it: "Il museo apre alle 9 e il biglietto d'ingresso costa 12 euro.",
  ja: "今日は天気がいいので、3時に公園で会いましょう。",
  "pt-br": "O ônibus para o Rio de Janeiro sai às 7 horas da manhã.",
  zh: "今天天气很好，我们下午3点在公园门口见面吧。",
};

/** "French" for "fr-fr"; the code itself for a language this page does not know. */
export function languageName(code) {
  return LANGUAGE_NAMES[code] ?? code;
}

/**
 * Whether the text box holds nothing the user wrote: it is empty, the page's own starting text, or one of the
 * samples (surrounding whitespace aside). Only then may a sample replace it.
 */
export function isStockText(text, defaultText) {
  const t = text.trim();
  return t === "" || t === defaultText.trim() || Object.values(SAMPLE_SENTENCES).includes(t);
}

/**
 * The text box's content once the reading language becomes `lang`: that language's sample when the box holds
 * stock text (and is not already that sample's language's text), else the text unchanged — typed text is never
 * replaced.
 */
export function textForLanguage(text, lang, defaultText) {
  const sample = SAMPLE_SENTENCES[lang];
  if (sample === undefined || !isStockText(text, defaultText)) return text;
  // The starting text is English: an English voice (US or UK) keeps it rather than swap one English text for another.
  if (text.trim() === defaultText.trim() && (lang === "en-us" || lang === "en-gb")) return text;
  return sample;
}
