/** One pause (a `[pause:…]` tag, an SSML `<break>`, a dialogue's `pause_ms`) may last at most this long. */
export const MAX_PAUSE_MS = 10_000;
/** All pauses of one request together: silence costs memory and bandwidth like speech does. */
export const MAX_TOTAL_PAUSE_MS = 300_000;
/** SSML elements nested deeper than this are refused (a parser-stack bound for hostile input). */
export const MAX_SSML_DEPTH = 32;
/** Turns of one dialogue. */
export const MAX_DIALOGUE_TURNS = 500;
