// Word highlighting: the input is shown as spans, the server's word timings (normalized words such as
// "doctor" for "Dr.", "three" for "3") are matched back to those spans in order, and the span being
// spoken at the current audio position is marked.

/** Letters and digits only, lower case: how a written word and a spoken word are compared. */
export function wordKey(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** The input cut into whitespace-separated pieces with their offsets; `key` is empty for punctuation. */
export function tokenize(text) {
  const tokens = [];
  for (const m of text.matchAll(/\S+/g)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length, key: wordKey(m[0]) });
  return tokens;
}

/** How far ahead a spoken word may find its written word (skipped text such as a URL's parts). */
const LOOKAHEAD = 8;

/** A written word the front-end may read out as other words: a number, an abbreviation, a symbol. */
function readOut(token) {
  return /[^\p{L}'’\-,;:!?"“”()]/u.test(token.text);
}

/**
 * Maps spoken words, as they arrive, to indexes of written tokens. A spoken word takes the next written word
 * when their keys are equal; else it continues the written word before it ("well-known" is spoken "well",
 * "known") or begins the next one; a word that matches nothing belongs to the next written word when that
 * one may be read out ("3" is "three", "Dr." is "doctor"); otherwise the same word a few tokens on is taken
 * (the words between were not spoken), and failing that the next written word.
 */
export function createAligner(tokens) {
  let next = 0; // first written token not yet matched
  let last = -1; // token of the previous spoken word
  let used = ""; // how much of that token's key the spoken words have covered
  const take = (i, covered, advance) => {
    if (advance) next = i + 1;
    last = i;
    used = covered;
    return i;
  };
  return (spoken) => {
    const key = wordKey(spoken);
    let first = next;
    while (first < tokens.length && tokens[first].key === "") first++;
    if (first >= tokens.length) return last;
    const written = tokens[first];
    if (key !== "") {
      if (written.key === key) return take(first, key, true);
      if (last >= 0 && used !== "" && tokens[last].key.startsWith(used + key)) return take(last, used + key, false);
      if (written.key.startsWith(key)) return take(first, key, true);
      // Look past the next written word unless it may be being read out now (it has not yet taken a word).
      if (!readOut(written) || last === first) {
        for (let i = first + 1; i < Math.min(tokens.length, first + LOOKAHEAD); i++) {
          if (tokens[i].key === key) return take(i, key, true);
        }
      }
    }
    return take(first, "", false);
  };
}

/**
 * A growing list of `{ token, start, end }` in time order; `at(t)` is the token being spoken at `t`
 * seconds, or the one spoken last during a pause; -1 before the first word.
 */
export function createWordTimeline() {
  const entries = [];
  return {
    add(entry) {
      entries.push(entry);
    },
    get size() {
      return entries.length;
    },
    at(t) {
      let lo = 0;
      let hi = entries.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (entries[mid].start <= t) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found === -1 ? -1 : entries[found].token;
    },
  };
}
