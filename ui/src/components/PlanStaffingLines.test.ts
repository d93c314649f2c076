import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";

const setPlanStaffingLine = vi.hoisted(() => vi.fn());
const removePlanStaffingLine = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { setPlanStaffingLine, removePlanStaffingLine } }));

import PlanStaffingLines from "./PlanStaffingLines.svelte";

describe("PlanStaffingLines", () => {
  let view: ReturnType<typeof mount> | undefined;
  let onSaved: Mock<(message: string) => void>;

  beforeEach(() => {
    setPlanStaffingLine.mockReset().mockResolvedValue({ status: "ok", data: null });
    removePlanStaffingLine.mockReset().mockResolvedValue({ status: "ok", data: null });
    onSaved = vi.fn<(message: string) => void>();
    view = mount(PlanStaffingLines, {
      target: document.body,
      props: {
        year: 2025,
        lines: [
          { role: "director", roleLabel: "施設長", headCount: 1, fte: "1.0", note: "" },
          { role: "life_coordinator", roleLabel: "生活支援コーディネーター", headCount: 4, fte: "3.0", note: "" },
        ],
        roles: [
          { value: "director", label: "施設長" },
          { value: "life_coordinator", label: "生活支援コーディネーター" },
          { value: "other", label: "その他" },
        ],
        onSaved,
      },
    });
    flushSync();
  });

  afterEach(() => {
    if (view) unmount(view);
    document.body.innerHTML = "";
  });

  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
    flushSync();
  };
  const all = (id: string) => [...document.querySelectorAll<HTMLButtonElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`) as HTMLButtonElement;

  it("asks before removing a line and removes only after the confirm", async () => {
    all("staffing-remove")[1]?.click();
    flushSync();
    expect(document.querySelector("[role=alertdialog]")?.textContent).toContain("「生活支援コーディネーター」の行を計画から削除します");
    expect(removePlanStaffingLine).not.toHaveBeenCalled();
    one("staffing-remove-confirm").click();
    await settle();
    expect(removePlanStaffingLine).toHaveBeenCalledWith(2025, "life_coordinator");
    expect(onSaved).toHaveBeenCalledWith("「生活支援コーディネーター」の行を削除しました。");
  });

  it("corrects a line in place, naming the line it replaces", async () => {
    all("staffing-edit")[1]?.click();
    flushSync();
    const fte = document.getElementById("staffing-fte") as HTMLInputElement;
    expect(fte.value).toBe("3.0");
    fte.value = "3.2";
    fte.dispatchEvent(new Event("input", { bubbles: true }));
    one("staffing-save").click();
    await settle();
    expect(setPlanStaffingLine).toHaveBeenCalledWith(2025, "life_coordinator", {
      role: "life_coordinator",
      headCount: 4,
      fte: "3.2",
      note: "",
    });
    expect(onSaved).toHaveBeenCalledWith("職員配置の行を修正しました。");
  });

  it("offers only the posts without a line when adding, and says what is missing", async () => {
    one("staffing-add").click();
    flushSync();
    const options = [...(document.getElementById("staffing-role") as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(["", "other"]);
    one("staffing-save").click();
    await settle();
    expect(document.querySelector('[data-testid="staffing-error"]')?.textContent).toBe("役割を選んでください。");
    expect(setPlanStaffingLine).not.toHaveBeenCalled();
  });
});
