import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";

import type { AllocationView, FteSummaryView } from "../bindings";

const previewChangeAllocation = vi.hoisted(() => vi.fn());
const changeAllocation = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { previewChangeAllocation, changeAllocation, parseDate } }));

import AllocationEditForm from "./AllocationEditForm.svelte";

const day = (iso: string) => ({ iso, wareki: "令和7年4月1日", warekiShort: "R7.4.1", weekday: "火" });

function summary(totalFte: string): FteSummaryView {
  return {
    date: day("2025-11-25"),
    fiscalYearName: "令和7年度",
    staff: [],
    roles: [],
    totalHeadCount: 10,
    totalFte,
    planHeadCount: 10,
    planFte: "8.4",
    totalCaseload: 0,
    clientsWithoutMainStaff: 0,
    unassignedOpenFollowUps: 0,
  };
}

const allocation: AllocationView = {
  id: "a1",
  staffId: "s1",
  staffName: "見本 花子",
  role: "life_coordinator",
  roleLabel: "生活支援コーディネーター",
  fte: "0.8",
  fromOn: day("2025-04-01"),
  toOn: null,
  concurrentPost: "",
};

describe("AllocationEditForm", () => {
  let form: ReturnType<typeof mount> | undefined;
  let onDone: Mock<(saved: boolean) => void>;

  beforeEach(() => {
    for (const m of [previewChangeAllocation, changeAllocation, parseDate]) m.mockReset();
    parseDate.mockResolvedValue({ status: "ok", data: day("2025-04-01") });
    onDone = vi.fn<(saved: boolean) => void>();
    form = mount(AllocationEditForm, {
      target: document.body,
      props: {
        date: "2025-11-25",
        allocation,
        roles: [
          { value: "life_coordinator", label: "生活支援コーディネーター" },
          { value: "employment_coordinator", label: "就労支援コーディネーター" },
        ],
        current: summary("8.2"),
        onDone,
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
  const button = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`) as HTMLButtonElement;
  const setFte = (value: string) => {
    const el = document.getElementById("alloc-edit-fte") as HTMLInputElement;
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
  };

  it("opens with the allocation as it is and cannot save before a trial", () => {
    expect((document.getElementById("alloc-edit-fte") as HTMLInputElement).value).toBe("0.8");
    expect((document.getElementById("alloc-edit-role") as HTMLSelectElement).value).toBe("life_coordinator");
    expect(button("allocation-edit-save").disabled).toBe(true);
  });

  it("tries the correction, then saves exactly what was tried", async () => {
    previewChangeAllocation.mockResolvedValue({ status: "ok", data: summary("7.9") });
    changeAllocation.mockResolvedValue({ status: "ok", data: null });
    setFte("0.5");
    button("allocation-edit-try").click();
    await settle();
    const sent = {
      role: "life_coordinator",
      fte: "0.5",
      fromOn: "2025-04-01",
      toOn: null,
      concurrentPost: "",
    };
    expect(previewChangeAllocation).toHaveBeenCalledWith("2025-11-25", "a1", sent);
    expect(document.querySelector('[data-testid="what-if"]')?.textContent).toContain("7.9");
    button("allocation-edit-save").click();
    await settle();
    expect(changeAllocation).toHaveBeenCalledWith("a1", sent);
    expect(onDone).toHaveBeenCalledWith(true);
  });

  it("asks for a new trial after a change, and shows the core's refusal", async () => {
    previewChangeAllocation.mockResolvedValue({ status: "ok", data: summary("7.9") });
    setFte("0.5");
    button("allocation-edit-try").click();
    await settle();
    setFte("0.6");
    expect(button("allocation-edit-save").disabled).toBe(true);

    previewChangeAllocation.mockResolvedValue({
      status: "error",
      error: { code: "rule", message: "この変更を行うと令和7年4月1日に常勤換算が1.0を超えます（合計1.2）。" },
    });
    button("allocation-edit-try").click();
    await settle();
    expect(document.querySelector('[data-testid="allocation-edit-error"]')?.textContent).toContain("1.0を超えます");
    expect(button("allocation-edit-save").disabled).toBe(true);
    expect(changeAllocation).not.toHaveBeenCalled();
  });
});
