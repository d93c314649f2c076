import { beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_KIND, lastKind, rememberKind } from "./quickEntry";

describe("the quick entry's last kind", () => {
  beforeEach(() => localStorage.clear());

  it("is a phone support record until something was used", () => {
    expect(lastKind()).toEqual(DEFAULT_KIND);
    expect(DEFAULT_KIND).toEqual({ entry: "support", kind: "phone", detail: null });
  });

  it("is what was remembered, purpose included", () => {
    rememberKind({ entry: "support", kind: "accompany", detail: "hospital" });
    expect(lastKind()).toEqual({ entry: "support", kind: "accompany", detail: "hospital" });
  });

  it("ignores a damaged or foreign stored value", () => {
    localStorage.setItem("hotto.quickEntry.lastKind", "{not json");
    expect(lastKind()).toEqual(DEFAULT_KIND);
    localStorage.setItem("hotto.quickEntry.lastKind", JSON.stringify({ entry: "meeting", kind: 3 }));
    expect(lastKind()).toEqual(DEFAULT_KIND);
  });
});
