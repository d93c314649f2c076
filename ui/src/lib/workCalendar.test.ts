import { describe, expect, it } from "vitest";

import { formatSize, wholeNumber } from "./workCalendar";

describe("wholeNumber", () => {
  it("reads the digits staff type, full-width and with thousands separators included", () => {
    expect(wholeNumber("12")).toBe(12);
    expect(wholeNumber("１２")).toBe(12);
    expect(wholeNumber(" 174,021 ")).toBe(174021);
    expect(wholeNumber("0")).toBe(0);
  });

  it("refuses what is not a whole number, so the screen can say so", () => {
    expect(wholeNumber("")).toBeNull();
    expect(wholeNumber("1.5")).toBeNull();
    expect(wholeNumber("-3")).toBeNull();
    expect(wholeNumber("たくさん")).toBeNull();
  });
});

describe("formatSize", () => {
  it("writes a handout's size as staff read it", () => {
    expect(formatSize(900)).toBe("900バイト");
    expect(formatSize(56_320)).toBe("55KB");
    expect(formatSize(3 * 1024 * 1024)).toBe("3.0MB");
  });
});
