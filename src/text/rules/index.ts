import { abbreviationRule } from "./abbreviations.js";
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
import { clockRule, meridiemRule, ratioRule } from "./times.js";
import { feetInchesRule, unitRule } from "./units.js";
import { domainRule, emailRule, fileNameRule, pathRule, urlRule } from "./web.js";

/**
 * Every rule, in priority order: where two could start at the same place, the earlier one wins
 * (an email before a domain, a date before a range, a decade before a unit "s").
 */
export const RULES: readonly Rule[] = [
  urlRule, emailRule, fileNameRule, domainRule, pathRule,
  moneyRule, isoDateRule, numericDateRule, monthDayRule, dayMonthRule, phoneRule,
  clockRule, meridiemRule, ratioRule,
  decadeRule, ordinalRule, percentRule, feetInchesRule, unitRule, fractionRule, dottedNumberRule, versionRule, dimensionRule, rangeRule, numberRule,
  abbreviationRule, romanContextRule, regnalRule, initialismRule,
  symbolRule,
];

export type { Rule } from "./rule.js";
