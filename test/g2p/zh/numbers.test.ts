import { describe, expect, it } from "vitest";
import { integerToChinese, readNumbersChinese } from "../../../src/g2p/zh/numbers.js";

describe("numbers read in Chinese (as cn2an's an2cn)", () => {
  it.each([
    ["0", "零"], ["7", "七"], ["10", "十"], ["15", "十五"], ["20", "二十"], ["101", "一百零一"], ["110", "一百一十"],
    ["1000", "一千"], ["1005", "一千零五"], ["10005", "一万零五"], ["12345", "一万二千三百四十五"],
    ["100000000", "一亿"], ["100010000", "一亿零一万"], ["3000000", "三百万"],
  ])("%s → %s", (digits, chinese) => {
    expect(integerToChinese(digits)).toBe(chinese);
  });

  it("reads decimals, percentages, fractions, years, signs and separators", () => {
    expect(readNumbersChinese("3.14")).toBe("三点一四");
    expect(readNumbersChinese("50%的人")).toBe("百分之五十的人");
    expect(readNumbersChinese("1/2")).toBe("二分之一");
    expect(readNumbersChinese("2024年")).toBe("二零二四年");
    expect(readNumbersChinese("零下 -5 度")).toBe("零下 负五 度");
    expect(readNumbersChinese("1,234")).toBe("一千二百三十四");
    expect(readNumbersChinese("2020-2021")).toBe("二千零二十-二千零二十一");
  });

  it("reads a very long digit string digit by digit, in linear time", () => {
    expect(readNumbersChinese("12345678901234567890")).toBe("一二三四五六七八九零一二三四五六七八九零");
  });
});
