// The texts the streaming and peers benches time (issue 12): 3 words, a 15-word sentence, a 1,263-character paragraph
// and 5,000 characters. Plain English prose with no numbers or abbreviations, so text normalization has little to do
// and the figures are about synthesis.
export const WORDS3 = "Hello there, friend.";

export const SENTENCE15 = "The quick brown fox jumps over the lazy dog while the farmer watches from afar.";

export const PARAGRAPH = [
  "Speech that starts at once changes how people use it.",
  "Select a paragraph, press a key, and the first words arrive before you have looked back at the screen; the rest " +
    "follows without a gap, while the server keeps working ahead of the listener, but never too far ahead.",
  "A reader who waits two seconds for every answer soon stops asking, so the first sound matters more than the last.",
  "The model itself is small, about eighty-two million parameters, yet each call still costs tens of milliseconds for " +
    "every token it reads.",
  "That is why a long text is cut into pieces: a short one first, to be heard quickly, then longer ones that keep the " +
    "queue full without wasting work.",
  "Between the pieces come pauses of the right length, longer after a paragraph than after a comma, so that the seams " +
    "are not heard.",
  "Numbers, dates and abbreviations are read the way a person would read them aloud, and words the dictionary does " +
    "not know are spelled out by rules.",
  "None of this should need a network connection, a graphics card or a cloud account; a laptop from a few years ago " +
    "is enough.",
  "When the text ends, the stream ends too, and the last sample arrives as soon as it is ready, with nothing left " +
    "waiting in a buffer somewhere.",
  "That is all there is to it, from first words to last.",
].join(" ");

export const CHARS5000 = Array.from({ length: 200 }, (_, i) => `Sentence ${i + 1} keeps the reading going for a while.`).join(" ").slice(0, 5000);

/** Name → text, in the order the benches run them. */
export const BENCH_TEXTS: Readonly<Record<string, string>> = { words3: WORDS3, sentence: SENTENCE15, paragraph: PARAGRAPH, chars5000: CHARS5000 };
