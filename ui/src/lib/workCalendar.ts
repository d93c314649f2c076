// Small helpers of the office screens: today and the selectable fiscal years come from the
// core (the fiscal year and its 和暦 name are the calendar's, never computed here), and
// numbers and sizes are written the Japanese way.

import { commands, type WorkCalendarView } from "../bindings";

/** Today and the selectable fiscal years (this one first). */
export function workCalendar(): Promise<WorkCalendarView> {
  return commands.workCalendar();
}

/** `1,234`: a count or amount as the tables show it. */
export function formatNumber(value: number): string {
  return value.toLocaleString("ja-JP");
}

/** `55KB`: a file size for a status line. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}バイト`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)}MB`;
}

/** A whole number typed in a field, or null when it is not one (the core checks the range). */
export function wholeNumber(text: string): number | null {
  const t = text.normalize("NFKC").trim().replaceAll(",", "");
  if (!/^\d+$/.test(t)) return null;
  return Number(t);
}
