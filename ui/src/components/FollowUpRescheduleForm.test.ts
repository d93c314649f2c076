import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DateView } from "../bindings";

const rescheduleFollowUp = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { rescheduleFollowUp, parseDate } }));

import FollowUpRescheduleForm from "./FollowUpRescheduleForm.svelte";

const day = (iso: string, wareki: string, weekday: string): DateView => ({ iso, wareki, warekiShort: wareki, weekday });
const due = day("2025-11-25", "令和7年11月25日", "火");
const sunday = day("2025-11-30", "令和7年11月30日", "日");
const monday = day("2025-12-01", "令和7年12月1日", "月");

describe("FollowUpRescheduleForm", () => {
  let form: ReturnType<typeof mount> | undefined;
  const onmoved = vi.fn();
  const oncancel = vi.fn();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };
  const field = () => document.getElementById("reschedule-f1") as HTMLInputElement;
  const type = (text: string) => {
    field().value = text;
    field().dispatchEvent(new Event("input", { bubbles: true }));
    field().dispatchEvent(new Event("blur"));
  };

  beforeEach(() => {
    parseDate.mockReset().mockImplementation(async (text: string) => ({
      status: "ok",
      data: text === "R7.11.30" ? sunday : due,
    }));
    rescheduleFollowUp.mockReset().mockResolvedValue({ status: "ok", data: monday });
    onmoved.mockReset();
    oncancel.mockReset();
    form = mount(FollowUpRescheduleForm, {
      target: document.body,
      props: { followUpId: "f1", dueOn: due, label: "架空 太郎さん", onmoved, oncancel },
    });
    flushSync();
  });

  afterEach(() => {
    if (form) unmount(form);
    form = undefined;
    document.body.innerHTML = "";
  });

  it("refuses to move a follow-up to the day it already falls on", async () => {
    await settle();
    (document.querySelector('[data-testid="follow-up-reschedule-form"]') as HTMLFormElement).requestSubmit();
    await settle();
    expect(rescheduleFollowUp).not.toHaveBeenCalled();
    expect(document.querySelector('p.message.error')?.textContent).toBe("今の予定日と同じ日です。別の日を入力してください。");
  });

  it("moves it to the day typed in 和暦 and passes on the open day the core chose", async () => {
    await settle();
    type("R7.11.30");
    await settle();
    field().dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(rescheduleFollowUp).toHaveBeenCalledWith("f1", "2025-11-30");
    expect(onmoved).toHaveBeenCalledWith(monday, "2025-11-30");
  });

  it("reads a date typed and entered with Enter without saving the old one, and saves on the next Enter", async () => {
    await settle();
    field().value = "R7.11.30";
    field().dispatchEvent(new Event("input", { bubbles: true }));
    field().dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(rescheduleFollowUp).not.toHaveBeenCalled();
    expect(document.querySelector("p.message.error")).toBeNull();
    expect(field().value).toBe("令和7年11月30日");
    field().dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(rescheduleFollowUp).toHaveBeenCalledWith("f1", "2025-11-30");
  });

  it("shows the core's message when the day is refused", async () => {
    rescheduleFollowUp.mockResolvedValue({ status: "error", error: { code: "rule", message: "予定日は就職日以降の日付にしてください。" } });
    await settle();
    type("R7.11.30");
    await settle();
    (document.querySelector('[data-testid="follow-up-reschedule-save"]') as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector('p.message.error')?.textContent).toBe("予定日は就職日以降の日付にしてください。");
    expect(onmoved).not.toHaveBeenCalled();
  });
});
