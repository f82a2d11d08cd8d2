// misaki's `apply_stress`: how a stress level changes a word's marks (reference §5.6).
import { PRIMARY, SECONDARY, VOWELS, hasVowel } from "./symbols.js";

/**
 * Stress levels as misaki uses them: undefined = leave alone; < −1 strip; −1 (or −0.5/0 with a
 * primary) demote primary to secondary; 0/0.5/1 on an unmarked word add a secondary; ≥ 1 with only
 * secondaries promote them; > 1 on an unmarked word add a primary.
 */
export type Stress = number | undefined;

export function applyStress(phonemes: string, stress: Stress): string {
  if (stress === undefined) return phonemes;
  const hasPrimary = phonemes.includes(PRIMARY);
  const hasSecondary = phonemes.includes(SECONDARY);
  if (stress < -1) return phonemes.replaceAll(PRIMARY, "").replaceAll(SECONDARY, "");
  if (stress === -1 || ((stress === 0 || stress === -0.5) && hasPrimary)) {
    return phonemes.replaceAll(SECONDARY, "").replaceAll(PRIMARY, SECONDARY);
  }
  const unmarked = !hasPrimary && !hasSecondary;
  if ((stress === 0 || stress === 0.5 || stress === 1) && unmarked) {
    return hasVowel(phonemes) ? markFirstVowel(phonemes, SECONDARY) : phonemes;
  }
  if (stress >= 1 && !hasPrimary && hasSecondary) return phonemes.replaceAll(SECONDARY, PRIMARY);
  if (stress > 1 && unmarked) return hasVowel(phonemes) ? markFirstVowel(phonemes, PRIMARY) : phonemes;
  return phonemes;
}

/** Puts `mark` immediately before the first vowel (marks always precede their vowel). */
function markFirstVowel(phonemes: string, mark: string): string {
  const chars = [...phonemes];
  const i = chars.findIndex((c) => VOWELS.has(c));
  if (i < 0) return phonemes;
  chars.splice(i, 0, mark);
  return chars.join("");
}
