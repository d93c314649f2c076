// The follow-up schedule editor's own checks, so a slip is named before anything is sent.
// The core checks the same rules again (policy.rs) and its message is shown if it refuses.

import type { FollowUpScheduleView } from "../bindings";

/** Rough days of a step, as the core orders them (a week 7 days, a month 30). */
export function approxDays(unit: string, count: number): number {
  return unit === "weeks" ? count * 7 : count * 30;
}

/** The first problem with the schedule, in Japanese, or null when it may be saved. */
export function scheduleProblem(s: FollowUpScheduleView): string | null {
  let previous = 0;
  for (const [i, step] of s.steps.entries()) {
    const max = step.unit === "weeks" ? 52 : 480;
    if (!Number.isInteger(step.count) || step.count < 1 || step.count > max) {
      return `${i + 1}番目の時期は1～${max}の整数で入力してください。`;
    }
    const days = approxDays(step.unit, step.count);
    if (days <= previous) {
      return `${i + 1}番目の時期が前の時期より早いか同じです。早いものから順に並べてください。`;
    }
    previous = days;
  }
  for (const [value, label] of [
    [s.halfYearlyUntilYears, "半年ごとのフォローの年数"],
    [s.yearlyUntilYears, "1年ごとのフォローの年数"],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 40) {
      return `${label}は0～40の整数で入力してください。`;
    }
  }
  if (s.yearlyUntilYears < s.halfYearlyUntilYears) {
    return "1年ごとのフォローを続ける年数は、半年ごとのフォローの年数以上にしてください。";
  }
  return null;
}
