import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { FteSummaryView } from "../bindings";

const mainStaffClients = vi.hoisted(() => vi.fn());
const previewReassignment = vi.hoisted(() => vi.fn());
const reassignMainStaff = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { mainStaffClients, previewReassignment, reassignMainStaff } }));

import ReassignmentForm from "./ReassignmentForm.svelte";

function summary(a: number, b: number): FteSummaryView {
  const line = (staffId: string, name: string, caseload: number) => ({
    staffId,
    name,
    posts: [],
    totalFte: "1.0",
    caseload,
    caseloadPerFte: null,
    openFollowUps: 0,
    overdueFollowUps: 0,
  });
  return {
    date: { iso: "2025-11-25", wareki: "令和7年11月25日", warekiShort: "R7.11.25", weekday: "火" },
    fiscalYearName: "令和7年度",
    staff: [line("a", "見本 一郎", a), line("b", "試験 花子", b)],
    roles: [],
    totalHeadCount: 2,
    totalFte: "2.0",
    planHeadCount: null,
    planFte: null,
    totalCaseload: a + b,
    clientsWithoutMainStaff: 0,
    unassignedOpenFollowUps: 0,
  };
}

describe("ReassignmentForm", () => {
  let form: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    for (const m of [mainStaffClients, previewReassignment, reassignMainStaff]) m.mockReset();
    mainStaffClients.mockResolvedValue({
      status: "ok",
      data: [{ id: "c1", name: "架空 太郎", kana: "かくう たろう" }],
    });
    form = mount(ReassignmentForm, {
      target: document.body,
      props: {
        date: "2025-11-25",
        staff: [
          { id: "a", name: "見本 一郎", kana: "みほん", leftOn: null },
          { id: "b", name: "試験 花子", kana: "しけん", leftOn: null },
        ],
        current: summary(30, 20),
        onSaved: () => {},
      },
    });
    flushSync();
  });

  afterEach(() => {
    if (form) unmount(form);
    document.body.innerHTML = "";
  });

  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
    flushSync();
  };
  const choose = async (id: string, value: string) => {
    const el = document.getElementById(id) as HTMLSelectElement;
    el.value = value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
  };
  const button = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`) as HTMLButtonElement;

  it("shows the caseloads as they would be, and saves only after that", async () => {
    previewReassignment.mockResolvedValue({ status: "ok", data: summary(29, 21) });
    reassignMainStaff.mockResolvedValue({ status: "ok", data: null });
    await choose("reassign-from", "a");
    document.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    await choose("reassign-to", "b");
    expect(button("reassign-save").disabled).toBe(true);

    button("reassign-try").click();
    await settle();
    expect(previewReassignment).toHaveBeenCalledWith("2025-11-25", ["c1"], "b");
    expect(document.querySelector('[data-testid="what-if"]')?.textContent).toContain("担当 30 → 29名");
    expect(reassignMainStaff).not.toHaveBeenCalled();

    button("reassign-save").click();
    await settle();
    expect(reassignMainStaff).toHaveBeenCalledWith(["c1"], "b");
  });

  it("asks for clients before trying", async () => {
    await choose("reassign-from", "a");
    button("reassign-try").click();
    await settle();
    expect(document.querySelector("[role=alert]")?.textContent).toContain("利用者を選んでください");
    expect(previewReassignment).not.toHaveBeenCalled();
  });
});
