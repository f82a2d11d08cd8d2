import { describe, expect, it } from "vitest";
import { stripUnspeakable } from "../../src/text/strip-unspeakable.js";

describe("stripUnspeakable", () => {
  it("drops emoji with their modifiers, joiners and variation selectors", () => {
    expect(stripUnspeakable("Hi 😀 👍🏽 ❤️ 👨‍👩‍👧 there").replace(/\s+/g, " ")).toBe("Hi there");
  });

  it("drops control characters but keeps line breaks, tabs, letters, digits and punctuation", () => {
    expect(stripUnspeakable("a\u0007b\nc\td, 12.5%!")).toBe("a b\nc\td, 12.5%!");
  });

  it("leaves accented and non-Latin letters alone", () => {
    expect(stripUnspeakable("café naïve Ωmega")).toBe("café naïve Ωmega");
  });
});
