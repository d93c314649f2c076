import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { CaseworkChoices, ConsentView, DateView } from "../bindings";

const addConsent = vi.hoisted(() => vi.fn());
const withdrawConsent = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { addConsent, withdrawConsent, parseDate } }));

import ClientConsents from "./ClientConsents.svelte";

const day = (iso: string, wareki: string): DateView => ({ iso, wareki, warekiShort: wareki, weekday: "火" });
const today = day("2025-11-25", "令和7年11月25日");
const choices = { partners: [{ value: "p1", label: "ハローワーク立川" }] } as CaseworkChoices;
const consents: ConsentView[] = [
  { id: "k1", partnerId: "p1", partnerName: "ハローワーク立川", givenOn: day("2025-04-01", "令和7年4月1日"), scope: "就労状況", withdrawnOn: null },
  { id: "k2", partnerId: "p1", partnerName: "ハローワーク立川", givenOn: day("2024-04-01", "令和6年4月1日"), scope: "通院状況", withdrawnOn: day("2024-10-01", "令和6年10月1日") },
];

describe("ClientConsents", () => {
  let panel: ReturnType<typeof mount> | undefined;
  const onchanged = vi.fn();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };
  const q = <T extends HTMLElement>(id: string) => document.querySelector(`[data-testid="${id}"]`) as T | null;

  beforeEach(() => {
    addConsent.mockReset().mockResolvedValue({ status: "ok", data: "k3" });
    withdrawConsent.mockReset().mockResolvedValue({ status: "ok", data: null });
    parseDate.mockReset().mockResolvedValue({ status: "ok", data: today });
    onchanged.mockReset();
    panel = mount(ClientConsents, { target: document.body, props: { clientId: "c1", consents, choices, today: today.iso, onchanged } });
    flushSync();
  });

  afterEach(() => {
    if (panel) unmount(panel);
    panel = undefined;
    document.body.innerHTML = "";
  });

  it("lists given and withdrawn consents with their 和暦 dates, and offers withdrawal only for the given one", () => {
    const items = document.querySelectorAll('[data-testid="consent-item"]');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain("令和7年4月1日同意");
    expect(items[1]?.textContent).toContain("令和6年4月1日同意・令和6年10月1日撤回");
    expect(document.querySelectorAll('[data-testid="consent-withdraw-open"]')).toHaveLength(1);
  });

  it("asks for the scope before recording a consent, then records it with today's date", async () => {
    q<HTMLButtonElement>("consent-add-open")!.click();
    await settle();
    const partner = q<HTMLSelectElement>("consent-partner")!;
    for (const o of Array.from(partner.options)) o.selected = o.value === "p1";
    partner.dispatchEvent(new Event("change", { bubbles: true }));
    q<HTMLFormElement>("consent-form")!.requestSubmit();
    await settle();
    expect(addConsent).not.toHaveBeenCalled();
    expect(document.querySelector('[role="alert"]')?.textContent).toBe("同意の範囲を入力してください。");

    const scope = document.getElementById("consent-scope") as HTMLInputElement;
    scope.value = "就労状況・通院状況";
    scope.dispatchEvent(new Event("input", { bubbles: true }));
    scope.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(addConsent).toHaveBeenCalledWith("c1", { partnerId: "p1", givenOn: "2025-11-25", scope: "就労状況・通院状況" });
    expect(onchanged).toHaveBeenCalledTimes(1);
    expect(q("consent-form")).toBeNull();
  });

  it("records a withdrawal only after the confirm step", async () => {
    q<HTMLButtonElement>("consent-withdraw-open")!.click();
    await settle();
    q<HTMLButtonElement>("consent-withdraw-save")!.click();
    await settle();
    expect(withdrawConsent).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain("撤回の記録は取り消せません");
    expect(q<HTMLButtonElement>("consent-withdraw-save")!.textContent).toBe("はい、撤回を記録する");
    q<HTMLButtonElement>("consent-withdraw-save")!.click();
    await settle();
    expect(withdrawConsent).toHaveBeenCalledWith("k1", "2025-11-25");
    expect(document.body.textContent).toContain("同意の撤回を記録しました。");
  });

  it("shows the core's message when a withdrawal is refused", async () => {
    withdrawConsent.mockResolvedValue({ status: "error", error: { code: "invalid", message: "同意の撤回日は同意日以降の日付にしてください。" } });
    q<HTMLButtonElement>("consent-withdraw-open")!.click();
    await settle();
    q<HTMLButtonElement>("consent-withdraw-save")!.click();
    await settle();
    q<HTMLButtonElement>("consent-withdraw-save")!.click();
    await settle();
    expect(document.querySelector('p.message.error')?.textContent).toBe("同意の撤回日は同意日以降の日付にしてください。");
    expect(onchanged).not.toHaveBeenCalled();
  });
});
