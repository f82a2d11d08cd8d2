/** Languages the English front-end speaks. `en` is accepted at the edges and means `en-us`. */
export type Lang = "en-us" | "en-gb";

export const LANGS: readonly Lang[] = ["en-us", "en-gb"];
