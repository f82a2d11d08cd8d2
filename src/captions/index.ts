// Captions: subtitle cues and sentence segments timed to the audio the same request makes.
export { captionWords, type CaptionWord } from "./timed-words.js";
export { buildCues, buildSentences, wrapLines, MAX_LINE_CHARS, MAX_LINES, type Cue, type Sentence } from "./cues.js";
export { CAPTION_CONTENT_TYPES, CAPTION_FORMATS, formatCaptions, timestamp, type CaptionFormat } from "./subtitle-formats.js";
export { collectCaptions, type CollectedCaptions } from "./collect.js";
export { captionBody, type CaptionRequest } from "./caption-body.js";
