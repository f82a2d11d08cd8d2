import { abbreviationRule } from "./abbreviations.js";
import { codeRule } from "./codes.js";
import { dayMonthRule, isoDateRule, monthDayRule, numericDateRule } from "./dates.js";
import { initialismRule } from "./initialisms.js";
import { moneyRule } from "./money.js";
import {
  decadeRule, dimensionRule, dottedNumberRule, fractionRule, numberRule, ordinalRule, percentRule, rangeRule, versionRule,
} from "./numbers.js";
import { phoneRule } from "./phone.js";
import { regnalRule, romanContextRule } from "./roman.js";
import type { Rule } from "./rule.js";
import { symbolRule } from "./symbols.js";
import { clockRule, dottedClockRule, meridiemRule, ratioRule, timeRangeRule } from "./times.js";
import { feetInchesRule, perRule, unitRule } from "./units.js";
import { domainRule, emailRule, fileNameRule, pathRule, urlRule } from "./web.js";

/**
 * Every rule, in priority order: where two could start at the same place, the earlier one wins
 * (an email before a domain, a date before a range, a decade before a unit "s"). A rule that declines a match
 * hands only that match's text to the rules after it, so a rule that often declines (codes) comes late.
 */
export const RULES: readonly Rule[] = [
  urlRule, emailRule, fileNameRule, domainRule, pathRule,
  moneyRule, isoDateRule, numericDateRule, monthDayRule, dayMonthRule, phoneRule,
  timeRangeRule, clockRule, dottedClockRule, meridiemRule, ratioRule,
  decadeRule, ordinalRule, percentRule, feetInchesRule, unitRule, perRule, fractionRule, dottedNumberRule, versionRule, dimensionRule, codeRule, rangeRule, numberRule,
  abbreviationRule, romanContextRule, regnalRule, initialismRule,
  symbolRule,
];

export type { Rule } from "./rule.js";
