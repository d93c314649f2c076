import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";

const setDropinDay = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { setDropinDay, parseDate } }));

import DropInEntry from "./DropInEntry.svelte";

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

describe("DropInEntry", () => {
  let entry: ReturnType<typeof mount> | undefined;
  let onsaved: Mock<(day: string) => void>;

  beforeEach(() => {
    setDropinDay.mockReset();
    parseDate.mockReset();
    parseDate.mockResolvedValue({
      status: "ok",
      data: { iso: "2025-11-25", wareki: "令和7年11月25日", warekiShort: "R7.11.25", weekday: "火" },
    });
    onsaved = vi.fn<(day: string) => void>();
    entry = mount(DropInEntry, { target: document.body, props: { today: "2025-11-25", onsaved } });
    flushSync();
  });

  afterEach(() => {
    if (entry) unmount(entry);
    document.body.innerHTML = "";
  });

  const visitors = () => document.querySelector<HTMLInputElement>("#dropin-visitors")!;
  const type = (input: HTMLInputElement, text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
  };
  const enter = (input: HTMLInputElement, isComposing = false) =>
    input.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, isComposing }),
    );

  it("records today's count on Enter, full-width digits included", async () => {
    setDropinDay.mockResolvedValue({ status: "ok", data: null });
    type(visitors(), "１２");
    type(document.querySelector<HTMLInputElement>("#dropin-note")!, "雨");
    enter(visitors());
    await settle();
    expect(setDropinDay).toHaveBeenCalledWith("2025-11-25", 12, "雨");
    expect(onsaved).toHaveBeenCalledWith("2025-11-25");
    expect(document.querySelector('[data-testid="dropin-done"]')?.textContent).toContain("12名で記録しました。");
    expect(visitors().value).toBe("");
  });

  it("does not record on the Enter that ends an IME conversion in the note", async () => {
    type(visitors(), "5");
    const note = document.querySelector<HTMLInputElement>("#dropin-note")!;
    note.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    enter(note, true);
    await settle();
    expect(setDropinDay).not.toHaveBeenCalled();
  });

  it("asks for a number instead of sending text", async () => {
    type(visitors(), "たくさん");
    document.querySelector<HTMLButtonElement>('[data-testid="dropin-save"]')!.click();
    await settle();
    expect(setDropinDay).not.toHaveBeenCalled();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain("利用者数を数字で入力してください。");
  });

  it("shows the core's refusal for a day the space is closed", async () => {
    setDropinDay.mockResolvedValue({
      status: "error",
      error: {
        code: "rule",
        message: "令和7年11月24日は交流スペースの開設日ではありません（開設は平日の開所日のみです）。",
      },
    });
    type(visitors(), "3");
    document.querySelector<HTMLButtonElement>('[data-testid="dropin-save"]')!.click();
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain("開設日ではありません");
    expect(onsaved).not.toHaveBeenCalled();
  });
});
