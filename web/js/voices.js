// The voice picker: one voice, or a blend of up to eight with weights, written the way the server reads
// it: `af_bella(2)+af_sky(1)`.

import { languageName } from "./languages.js";

export const MAX_BLEND_VOICES = 8;

/** A number as a short weight: 2, 0.5, 1.25. */
function formatWeight(weight) {
  return String(Number(weight.toPrecision(3)));
}

/** The voice request for `[{ name, weight }]`: a name alone, `a+b` for equal weights, else `a(2)+b(1)`. */
export function composeVoice(parts) {
  if (parts.length === 1) return parts[0].name;
  const equal = parts.every((p) => p.weight === parts[0].weight);
  return parts.map((p) => (equal ? p.name : `${p.name}(${formatWeight(p.weight)})`)).join("+");
}

/**
 * Voices grouped for a select: the config's presets first (they are spoken alone, not blended), then English,
 * then by language; female before male within each.
 */
export function groupVoices(details, presets = []) {
  const groups = new Map();
  const order = (d) => [d.language === "en-us" ? 0 : d.language === "en-gb" ? 1 : 2, d.language, d.gender, d.id];
  const sorted = [...details].sort((a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
  for (const d of sorted) {
    const label = `${d.language_name ?? languageName(d.language)} · ${d.gender}`;
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push(d.id);
  }
  const grouped = [...groups].map(([label, ids]) => ({ label, ids }));
  return presets.length === 0 ? grouped : [{ label: "Presets", ids: presets.map((p) => p.id) }, ...grouped];
}

/**
 * What the page knows of each voice and preset, by id: `{ language, languageName, speed }` (`speed` is a
 * preset's own speed, else null). From `GET /v1/audio/voices`' `details` and `presets`.
 */
export function voiceCatalogue(details, presets = []) {
  const catalogue = new Map();
  const names = new Map();
  for (const d of details) {
    const name = d.language_name ?? languageName(d.language);
    names.set(d.language, name);
    catalogue.set(d.id, { language: d.language, languageName: name, speed: null });
  }
  for (const p of presets) {
    const speed = typeof p.speed === "number" ? p.speed : null;
    catalogue.set(p.id, { language: p.language, languageName: names.get(p.language) ?? languageName(p.language), speed });
  }
  return catalogue;
}

/** "af_heart — English (US)": a voice as the selects show it; the bare id when its language is unknown. */
export function voiceLabel(id, catalogue) {
  const entry = catalogue.get(id);
  return entry === undefined || !entry.language ? id : `${id} — ${entry.languageName}`;
}

/**
 * The language a voice request reads in when it sets no `lang`: the heaviest voice's (the first of equals),
 * as the server decides it for a blend; undefined when no part is known.
 */
export function blendLanguage(parts, catalogue) {
  let best;
  for (const p of parts) {
    const entry = catalogue.get(p.name);
    if (entry !== undefined && (best === undefined || p.weight > best.weight)) best = { weight: p.weight, language: entry.language };
  }
  return best?.language;
}

/** A <select> of every voice in `groups` (one <optgroup> each), each option labelled with its language. */
export function createVoiceSelect(groups, catalogue, value) {
  const select = document.createElement("select");
  for (const g of groups) {
    const optgroup = document.createElement("optgroup");
    optgroup.label = g.label;
    for (const id of g.ids) optgroup.append(new Option(voiceLabel(id, catalogue), id));
    select.append(optgroup);
  }
  select.value = value;
  return select;
}

/**
 * Builds the picker in `container`: rows of voice select + weight + remove, an "add" button and the
 * composed request in `output`. `onChange(voice, language)`, if given, runs whenever the request changes
 * (`language`: the one the request reads in by default, see blendLanguage).
 */
export function createVoicePicker({ container, addButton, output, groups, catalogue = new Map(), initial, onChange = () => {} }) {
  const rows = [];

  const weightOf = (input) => {
    const w = Number(input.value);
    return Number.isFinite(w) && w > 0 ? w : 1;
  };
  const parts = () => rows.map((r) => ({ name: r.select.value, weight: weightOf(r.weight) }));
  const update = () => {
    const voice = composeVoice(parts());
    output.textContent = voice;
    addButton.disabled = rows.length >= MAX_BLEND_VOICES;
    container.classList.toggle("blend", rows.length > 1);
    rows.forEach((r, i) => {
      // Labels follow the rows' order, so they stay right after a row is removed.
      r.select.setAttribute("aria-label", `voice ${i + 1}`);
      r.weight.setAttribute("aria-label", `weight of voice ${i + 1}`);
      r.remove.setAttribute("aria-label", `remove voice ${i + 1}`);
      r.remove.hidden = rows.length === 1;
    });
    onChange(voice, blendLanguage(parts(), catalogue));
  };

  const addRow = (name) => {
    const row = document.createElement("div");
    row.className = "voice-row";
    const select = createVoiceSelect(groups, catalogue, name);
    const weight = document.createElement("input");
    Object.assign(weight, { type: "number", min: "0.1", max: "100", step: "0.1", value: "1" });
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "×";
    remove.title = "Remove this voice";
    const entry = { row, select, weight, remove };
    remove.addEventListener("click", () => {
      rows.splice(rows.indexOf(entry), 1);
      row.remove();
      update();
    });
    select.addEventListener("change", update);
    weight.addEventListener("input", update);
    row.append(select, weight, remove);
    container.append(row);
    rows.push(entry);
    update();
  };

  addButton.addEventListener("click", () => {
    const used = new Set(rows.map((r) => r.select.value));
    const ids = groups.flatMap((g) => g.ids);
    addRow(ids.find((id) => !used.has(id)) ?? ids[0]);
  });
  addRow(initial);
  return {
    get voice() { return composeVoice(parts()); },
    get language() { return blendLanguage(parts(), catalogue); },
  };
}
