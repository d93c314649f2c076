import { describe, expect, it } from "vitest";

import type { FollowUpScheduleView } from "../bindings";
import { scheduleProblem } from "./followUpSchedule";

const base = (): FollowUpScheduleView => ({
  steps: [
    { unit: "weeks", count: 1, method: "visit" },
    { unit: "weeks", count: 2, method: "visit" },
    { unit: "months", count: 1, method: "visit" },
  ],
  halfYearlyUntilYears: 3,
  yearlyUntilYears: 10,
  laterMethod: "phone",
});

describe("scheduleProblem", () => {
  it("accepts the steps in increasing order", () => {
    expect(scheduleProblem(base())).toBeNull();
  });

  it("names a step that is not later than the one before", () => {
    const s = base();
    s.steps[2] = { unit: "weeks", count: 2, method: "phone" };
    expect(scheduleProblem(s)).toBe("3番目の時期が前の時期より早いか同じです。早いものから順に並べてください。");
  });

  it("refuses zero or a fraction as a step", () => {
    const s = base();
    s.steps[0] = { unit: "weeks", count: 0, method: "visit" };
    expect(scheduleProblem(s)).toBe("1番目の時期は1～52の整数で入力してください。");
    s.steps[0] = { unit: "weeks", count: 1.5, method: "visit" };
    expect(scheduleProblem(s)).toContain("1番目の時期");
  });

  it("wants the yearly follow-ups to run at least as long as the half-yearly ones", () => {
    const s = base();
    s.yearlyUntilYears = 2;
    expect(scheduleProblem(s)).toContain("半年ごとのフォローの年数以上");
  });
});
