/** How a request's `input` is written (`input_format`). */
export const INPUT_FORMATS = ["text", "ssml", "phonemes"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
