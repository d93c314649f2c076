import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

const setIdleLockMinutes = vi.hoisted(() => vi.fn());
const idleLockMinutes = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { setIdleLockMinutes, idleLockMinutes } }));

import { idleLock } from "../lib/idleLock.svelte";
import IdleLockField from "./IdleLockField.svelte";

describe("IdleLockField", () => {
  let field: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (field) unmount(field);
    document.body.innerHTML = "";
    setIdleLockMinutes.mockReset();
    idleLock.minutes = 10;
  });

  const show = (canEdit: boolean) => {
    field = mount(IdleLockField, { target: document.body, props: { minutes: 10, canEdit } });
    flushSync();
  };
  const input = () => document.getElementById("idle-minutes") as HTMLInputElement;
  const type = (text: string) => {
    input().value = text;
    input().dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
  };
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  };

  it("shows the stored minutes", () => {
    show(true);
    expect(input().value).toBe("10");
  });

  it("saves on Enter and the frame's lock takes the new value at once", async () => {
    setIdleLockMinutes.mockResolvedValue({ status: "ok", data: null });
    show(true);
    type("２５");
    input().dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(setIdleLockMinutes).toHaveBeenCalledWith(25);
    expect(idleLock.minutes).toBe(25);
    expect(document.querySelector("[role=status]")?.textContent).toContain("25分間");
  });

  it("shows the core's refusal and keeps the lock as it was", async () => {
    setIdleLockMinutes.mockResolvedValue({
      status: "error",
      error: { code: "invalid_input", message: "自動ロックまでの時間（分）は1～120の範囲で入力してください。" },
    });
    show(true);
    type("500");
    document.querySelector<HTMLButtonElement>('[data-testid="idle-save"]')?.click();
    await settle();
    expect(document.querySelector("[role=alert]")?.textContent).toContain("1～120");
    expect(idleLock.minutes).toBe(10);
  });

  it("refuses text that is not a number without asking the core", async () => {
    show(true);
    type("十分");
    document.querySelector<HTMLButtonElement>('[data-testid="idle-save"]')?.click();
    await settle();
    expect(setIdleLockMinutes).not.toHaveBeenCalled();
    expect(document.querySelector("[role=alert]")).not.toBeNull();
  });

  it("is read-only for staff, without a save button", () => {
    show(false);
    expect(input().readOnly).toBe(true);
    expect(document.querySelector('[data-testid="idle-save"]')).toBeNull();
  });
});
