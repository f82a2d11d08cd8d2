// Dialogue mode's editor: a list of turns, each a voice select, a text box and a remove button, and an "add"
// button. A turn's text follows its voice's language while it still holds a sample (see languages.js).
import { textForLanguage } from "./languages.js";
import { createVoiceSelect } from "./voices.js";

/** The server's limit on turns. */
export const MAX_TURNS = 500;

/** Two turns to start from, in two voices, one with an inline pause tag. */
const STARTING_TEXTS = ["Did you hear that?", "Hear what? [pause:500ms] Oh. That."];

/**
 * Builds the editor in `container`, starting with a turn for each of `initialVoices`; returns
 * `{ turns }`: the current `[{ voice, text }]`, in order.
 */
export function createDialogueEditor({ container, addButton, groups, catalogue, initialVoices }) {
  const rows = [];
  const ids = groups.flatMap((g) => g.ids);

  const relabel = () => {
    rows.forEach((r, i) => {
      r.select.setAttribute("aria-label", `voice of turn ${i + 1}`);
      r.text.setAttribute("aria-label", `text of turn ${i + 1}`);
      r.remove.setAttribute("aria-label", `remove turn ${i + 1}`);
      r.remove.hidden = rows.length === 1;
    });
    addButton.disabled = rows.length >= MAX_TURNS;
  };

  const addTurn = (voice, text) => {
    const row = document.createElement("div");
    row.className = "turn";
    const select = createVoiceSelect(groups, catalogue, voice);
    const box = document.createElement("textarea");
    box.rows = 2;
    box.value = text;
    const startingText = text;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "×";
    remove.title = "Remove this turn";
    const entry = { row, select, text: box, remove };
    select.addEventListener("change", () => {
      const language = catalogue.get(select.value)?.language;
      if (language !== undefined) box.value = textForLanguage(box.value, language, startingText);
    });
    remove.addEventListener("click", () => {
      rows.splice(rows.indexOf(entry), 1);
      row.remove();
      relabel();
    });
    row.append(select, box, remove);
    container.append(row);
    rows.push(entry);
    relabel();
  };

  addButton.addEventListener("click", () => {
    // Alternate speakers: a new turn takes the voice of the turn before the last one (or another voice).
    const last = rows.at(-1)?.select.value;
    const voice = rows.length >= 2 ? rows[rows.length - 2].select.value : (ids.find((id) => id !== last) ?? ids[0]);
    addTurn(voice, "");
    rows.at(-1).text.focus();
  });
  initialVoices.forEach((voice, i) => addTurn(voice, STARTING_TEXTS[i] ?? ""));
  return { get turns() { return rows.map((r) => ({ voice: r.select.value, text: r.text.value })); } };
}
