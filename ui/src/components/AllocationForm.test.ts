import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";

import type { FteSummaryView } from "../bindings";

const previewAddAllocation = vi.hoisted(() => vi.fn());
const addAllocation = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { previewAddAllocation, addAllocation, parseDate } }));

import AllocationForm from "./AllocationForm.svelte";

function summary(totalFte: string, lifeFte: string): FteSummaryView {
  const day = { iso: "2025-11-25", wareki: "令和7年11月25日", warekiShort: "R7.11.25", weekday: "火" };
  return {
    date: day,
    fiscalYearName: "令和7年度",
    staff: [
      {
        staffId: "s1",
        name: "見本 花子",
        posts: [],
        totalFte: lifeFte,
        caseload: 10,
        caseloadPerFte: null,
        openFollowUps: 0,
        overdueFollowUps: 0,
      },
    ],
    roles: [
      {
        role: "life_coordinator",
        roleLabel: "生活支援コーディネーター",
        headCount: 1,
        fte: lifeFte,
        fteValue: Number(lifeFte),
        planHeadCount: 4,
        planFte: "3.0",
        planFteValue: 3,
        fteDifference: null,
      },
    ],
    totalHeadCount: 1,
    totalFte,
    planHeadCount: 10,
    planFte: "8.4",
    totalCaseload: 10,
    clientsWithoutMainStaff: 0,
    unassignedOpenFollowUps: 0,
  };
}

describe("AllocationForm", () => {
  let form: ReturnType<typeof mount> | undefined;
  let onSaved: Mock<() => void>;

  beforeEach(() => {
    for (const m of [previewAddAllocation, addAllocation, parseDate]) m.mockReset();
    parseDate.mockResolvedValue({
      status: "ok",
      data: { iso: "2025-12-01", wareki: "令和7年12月1日", warekiShort: "R7.12.1", weekday: "月" },
    });
    onSaved = vi.fn<() => void>();
    form = mount(AllocationForm, {
      target: document.body,
      props: {
        date: "2025-11-25",
        staff: [{ id: "s1", name: "見本 花子", kana: "みほん はなこ", leftOn: null }],
        roles: [{ value: "life_coordinator", label: "生活支援コーディネーター" }],
        current: summary("8.2", "0.5"),
        onSaved,
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
  const set = (id: string, value: string) => {
    const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement;
    el.value = value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
    flushSync();
  };
  const button = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`) as HTMLButtonElement;
  const fill = async () => {
    set("alloc-staff", "s1");
    set("alloc-role", "life_coordinator");
    set("alloc-fte", "0.3");
    set("alloc-from", "R7.12.1");
    document.getElementById("alloc-from")?.dispatchEvent(new Event("blur"));
    await settle();
  };

  it("cannot save before a trial, and says what is missing", async () => {
    expect(button("allocation-save").disabled).toBe(true);
    button("allocation-try").click();
    await settle();
    expect(document.querySelector("[role=alert]")?.textContent).toContain("職員を選んでください。");
    expect(previewAddAllocation).not.toHaveBeenCalled();
  });

  it("shows the tried staffing, then saves exactly what was tried", async () => {
    previewAddAllocation.mockResolvedValue({ status: "ok", data: summary("8.5", "0.8") });
    addAllocation.mockResolvedValue({ status: "ok", data: "new-id" });
    await fill();
    button("allocation-try").click();
    await settle();
    expect(previewAddAllocation).toHaveBeenCalledWith("2025-11-25", {
      staffId: "s1",
      role: "life_coordinator",
      fte: "0.3",
      fromOn: "2025-12-01",
      toOn: null,
      concurrentPost: "",
    });
    const preview = document.querySelector('[data-testid="what-if"]');
    expect(preview?.textContent).toContain("8.2");
    expect(preview?.textContent).toContain("8.5");
    expect(button("allocation-save").disabled).toBe(false);

    button("allocation-save").click();
    await settle();
    expect(addAllocation).toHaveBeenCalledTimes(1);
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it("asks for a new trial when a field changes after the trial", async () => {
    previewAddAllocation.mockResolvedValue({ status: "ok", data: summary("8.5", "0.8") });
    await fill();
    button("allocation-try").click();
    await settle();
    expect(button("allocation-save").disabled).toBe(false);
    set("alloc-fte", "0.4");
    await settle();
    expect(button("allocation-save").disabled).toBe(true);
    expect(document.querySelector('[data-testid="what-if"]')).toBeNull();
  });

  it("shows the core's message when the trial would exceed 1.0 and offers no save", async () => {
    previewAddAllocation.mockResolvedValue({
      status: "error",
      error: { code: "rule", message: "令和7年12月1日に常勤換算が1.0を超えます（合計1.3）。" },
    });
    await fill();
    button("allocation-try").click();
    await settle();
    expect(document.querySelector('[data-testid="allocation-error"]')?.textContent).toContain(
      "常勤換算が1.0を超えます",
    );
    expect(button("allocation-save").disabled).toBe(true);
    expect(addAllocation).not.toHaveBeenCalled();
  });
});
