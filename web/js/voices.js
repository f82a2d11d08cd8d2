// The voice picker: one voice, or a blend of up to eight with weights, written the way the server reads
// it: `af_bella(2)+af_sky(1)`.

export const MAX_BLEND_VOICES = 8;

const LANGUAGE_NAMES = {
  "en-us": "American English",
  "en-gb": "British English",
  es: "Spanish",
  "fr-fr": "French",
  hi: "Hindi",
  it: "Italian",
  ja: "Japanese",
  "pt-br": "Brazilian Portuguese",
  zh: "Mandarin Chinese",
};

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
    const label = `${LANGUAGE_NAMES[d.language] ?? d.language} · ${d.gender}`;
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push(d.id);
  }
  const grouped = [...groups].map(([label, ids]) => ({ label, ids }));
  return presets.length === 0 ? grouped : [{ label: "Presets", ids: presets.map((p) => p.id) }, ...grouped];
}

/**
 * Builds the picker in `container`: rows of voice select + weight + remove, an "add" button and the
 * composed request in `output`. `onChange(voice)`, if given, runs whenever the request changes.
 */
export function createVoicePicker({ container, addButton, output, groups, initial, onChange = () => {} }) {
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
    onChange(voice);
  };

  const addRow = (name) => {
    const row = document.createElement("div");
    row.className = "voice-row";
    const select = document.createElement("select");
    for (const g of groups) {
      const optgroup = document.createElement("optgroup");
      optgroup.label = g.label;
      for (const id of g.ids) optgroup.append(new Option(id, id));
      select.append(optgroup);
    }
    select.value = name;
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
  return { get voice() { return composeVoice(parts()); } };
}
