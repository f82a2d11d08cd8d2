// The speed slider's meaning: until the user moves it, the page sends no `speed`, so the server's default
// applies — 1, or a preset's own speed. Once moved, the slider's value is sent, even when it is back at 1.

export const DEFAULT_SPEED = 1;

/** The request's speed field: `{ speed }` once the user has set one, else nothing. */
export function speedField(touched, value) {
  return touched ? { speed: value } : {};
}

/** What the slider's output reads: its value once set; before that the speed the server will use, a preset's marked. */
export function speedLabel(touched, value, presetSpeed) {
  if (!touched && typeof presetSpeed === "number") return `${presetSpeed.toFixed(2)}× (preset)`;
  return `${(touched ? value : DEFAULT_SPEED).toFixed(2)}×`;
}
