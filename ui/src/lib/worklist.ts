// The worklists as rows the home screen lists: when, who, and a short detail.
import type { WorklistsView } from "../bindings";

/** A row of a worklist section. */
export interface WorklistEntry {
  key: string;
  clientId: string;
  clientName: string;
  when: string;
  detail: string;
}

/** How far off a due date is, in words. */
export function dueWords(days: number): string {
  if (days < 0) return `${-days}日超過`;
  if (days === 0) return "今日";
  return `${days}日後`;
}

/** The four lists of the home screen as rows. */
export function worklistEntries(w: WorklistsView): Record<"overdue" | "dueSoon" | "checkIns" | "handovers", WorklistEntry[]> {
  const followUp = (f: WorklistsView["overdue"][number]): WorklistEntry => ({
    key: f.id,
    clientId: f.clientId,
    clientName: f.clientName,
    when: `${f.dueOn.warekiShort}（${dueWords(f.dueInDays)}）`,
    detail: `${f.kindLabel}・${f.methodLabel}・${f.employerName}${f.staffName ? `・${f.staffName}` : ""}`,
  });
  return {
    overdue: w.overdue.map(followUp),
    dueSoon: w.dueSoon.map(followUp),
    checkIns: w.checkIns.map((c) => ({
      key: c.clientId,
      clientId: c.clientId,
      clientName: c.clientName,
      when: `${c.daysSinceContact}日連絡なし`,
      detail: `最終 ${c.lastContactOn.warekiShort}${c.phaseLabel ? `・${c.phaseLabel}` : ""}${c.mainStaffName ? `・${c.mainStaffName}` : ""}`,
    })),
    handovers: w.handovers.map((h) => ({
      key: h.id,
      clientId: h.clientId,
      clientName: h.clientName,
      when: `${h.endsOn.warekiShort}終了`,
      detail: `${h.providerName}・${h.statusLabel}`,
    })),
  };
}
