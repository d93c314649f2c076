import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DateView, HandoverView } from "../bindings";

const markHandoverArrived = vi.hoisted(() => vi.fn());
const checkHandover = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { markHandoverArrived, checkHandover, parseDate } }));

import HandoverActions from "./HandoverActions.svelte";

const day = (iso: string, wareki: string): DateView => ({ iso, wareki, warekiShort: wareki, weekday: "火" });
const today = day("2025-11-25", "令和7年11月25日");

function handover(status: string, checkedOn: DateView | null = null): HandoverView {
  return {
    id: "h1",
    providerName: "就労定着支援あおぞら",
    requestedOn: day("2025-10-01", "令和7年10月1日"),
    endsOn: day("2025-12-20", "令和7年12月20日"),
    status,
    statusLabel: { expected: "引継ぎ予定", arrived: "引継ぎ受付", checked: "確認済み" }[status] ?? status,
    checkedOn,
    notes: "",
  };
}

describe("HandoverActions", () => {
  let part: ReturnType<typeof mount> | undefined;
  const onchanged = vi.fn();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };
  const q = <T extends HTMLElement>(id: string) => document.querySelector(`[data-testid="${id}"]`) as T | null;
  const show = (h: HandoverView) => {
    part = mount(HandoverActions, { target: document.body, props: { handover: h, today: today.iso, onchanged } });
    flushSync();
  };

  beforeEach(() => {
    markHandoverArrived.mockReset().mockResolvedValue({ status: "ok", data: null });
    checkHandover.mockReset().mockResolvedValue({ status: "ok", data: null });
    parseDate.mockReset().mockResolvedValue({ status: "ok", data: today });
    onchanged.mockReset();
  });

  afterEach(() => {
    if (part) unmount(part);
    part = undefined;
    document.body.innerHTML = "";
  });

  it("records the arrival of an expected hand-over", async () => {
    show(handover("expected"));
    q<HTMLButtonElement>("handover-arrived")!.click();
    await settle();
    expect(markHandoverArrived).toHaveBeenCalledWith("h1");
    expect(onchanged).toHaveBeenCalledTimes(1);
  });

  it("records the check with today's date and what was found", async () => {
    show(handover("arrived"));
    expect(q("handover-arrived")).toBeNull();
    q<HTMLButtonElement>("handover-check-open")!.click();
    await settle();
    const notes = document.getElementById("handover-notes-h1") as HTMLInputElement;
    notes.value = "本人と面談。勤務は安定";
    notes.dispatchEvent(new Event("input", { bubbles: true }));
    notes.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(checkHandover).toHaveBeenCalledWith("h1", { checkedOn: "2025-11-25", notes: "本人と面談。勤務は安定" });
    expect(document.body.textContent).toContain("引継ぎの確認を記録しました。");
  });

  it("offers nothing more once checked, and shows when", () => {
    show(handover("checked", today));
    expect(q("handover-arrived")).toBeNull();
    expect(q("handover-check-open")).toBeNull();
    expect(document.body.textContent).toContain("令和7年11月25日確認");
  });
});
