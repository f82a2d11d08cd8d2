// The text being read, as spans, with the word being spoken marked `current` and those before it `spoken`.
import { tokenize } from "./words.js";

/** Renders `text` into `el` (whitespace kept) and returns the tokens and a function that marks one. */
export function renderReader(el, text) {
  const tokens = tokenize(text);
  const spans = [];
  const parts = [];
  let at = 0;
  tokens.forEach((t, i) => {
    if (t.start > at) parts.push(document.createTextNode(text.slice(at, t.start)));
    const span = document.createElement("span");
    span.className = "word";
    span.dataset.index = String(i);
    span.textContent = t.text;
    spans.push(span);
    parts.push(span);
    at = t.end;
  });
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  el.replaceChildren(...parts);
  el.dataset.current = "-1";
  el.dataset.words = String(tokens.length);

  let current = -1;
  const mark = (index) => {
    if (index === current) return;
    const from = Math.min(current, index);
    const to = Math.max(current, index);
    for (let i = Math.max(from, 0); i <= to && i < spans.length; i++) spans[i].classList.toggle("spoken", i < index);
    if (current >= 0) spans[current]?.classList.remove("current");
    if (index >= 0) {
      const span = spans[index];
      span.classList.add("current");
      // Keep the word in view without yanking the page: only scroll the reader box itself.
      const top = span.offsetTop; // the reader is positioned, so this is relative to it
      if (top < el.scrollTop || top + span.offsetHeight > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
    }
    current = index;
    el.dataset.current = String(index);
  };
  return { tokens, mark };
}
