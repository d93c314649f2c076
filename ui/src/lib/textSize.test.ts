import { beforeEach, describe, expect, it } from "vitest";

import { applyTextSize, setTextSize, storedTextSize } from "./textSize";

describe("text size", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.style.fontSize = "";
  });

  it("is 標準 until something is chosen", () => {
    expect(storedTextSize()).toBe("standard");
  });

  it("remembers the choice and applies it to the root font size", () => {
    setTextSize("x-large");
    expect(storedTextSize()).toBe("x-large");
    expect(document.documentElement.style.fontSize).toBe("150%");
  });

  it("ignores an unknown stored value", () => {
    localStorage.setItem("hotto.textSize", "huge");
    expect(storedTextSize()).toBe("standard");
  });

  it("applies 大 as 125%", () => {
    applyTextSize("large");
    expect(document.documentElement.style.fontSize).toBe("125%");
  });
});
