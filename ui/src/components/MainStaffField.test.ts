import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { CaseworkChoices } from "../bindings";

const setMainStaff = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { setMainStaff } }));

import MainStaffField from "./MainStaffField.svelte";

const choices = {
  myStaffId: "s-me",
  staff: [
    { value: "s-me", label: "試験 花子" },
    { value: "s-other", label: "架空 次郎" },
  ],
} as CaseworkChoices;

describe("MainStaffField", () => {
  let field: ReturnType<typeof mount> | undefined;
  const onchanged = vi.fn();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };
  const q = <T extends HTMLElement>(id: string) => document.querySelector(`[data-testid="${id}"]`) as T | null;
  function choose(value: string) {
    const select = q<HTMLSelectElement>("main-staff")!;
    for (const o of Array.from(select.options)) o.selected = o.value === value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
  }

  beforeEach(() => {
    setMainStaff.mockReset().mockResolvedValue({ status: "ok", data: null });
    onchanged.mockReset();
    field = mount(MainStaffField, {
      target: document.body,
      props: { clientId: "c1", current: { id: "s-me", name: "試験 花子" }, choices, onchanged },
    });
    flushSync();
  });

  afterEach(() => {
    if (field) unmount(field);
    field = undefined;
    document.body.innerHTML = "";
  });

  it("changes nothing when another staff member is only chosen in the list", async () => {
    expect(q<HTMLButtonElement>("main-staff-apply")!.disabled).toBe(true);
    choose("s-other");
    await settle();
    expect(setMainStaff).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain("主担当が試験 花子から架空 次郎に変わります");
    expect(q<HTMLButtonElement>("main-staff-apply")!.disabled).toBe(false);
  });

  it("puts the list back with 元に戻す", async () => {
    choose("s-other");
    q<HTMLButtonElement>("main-staff-revert")!.click();
    flushSync();
    expect(q<HTMLSelectElement>("main-staff")!.value).toBe("s-me");
    expect(q<HTMLButtonElement>("main-staff-apply")!.disabled).toBe(true);
    expect(setMainStaff).not.toHaveBeenCalled();
  });

  it("changes the main staff with the button and says so", async () => {
    choose("s-other");
    q<HTMLButtonElement>("main-staff-apply")!.click();
    await settle();
    expect(setMainStaff).toHaveBeenCalledWith("c1", "s-other");
    expect(onchanged).toHaveBeenCalledTimes(1);
    expect(document.body.textContent).toContain("主担当を架空 次郎さんに変更しました。");
  });

  it("shows the core's Japanese message when the change is refused", async () => {
    setMainStaff.mockResolvedValue({ status: "error", error: { code: "not_found", message: "担当職員が見つかりません。" } });
    choose("");
    q<HTMLButtonElement>("main-staff-apply")!.click();
    await settle();
    expect(setMainStaff).toHaveBeenCalledWith("c1", null);
    expect(document.querySelector('[role="alert"]')?.textContent).toBe("担当職員が見つかりません。");
    expect(onchanged).not.toHaveBeenCalled();
  });
});
