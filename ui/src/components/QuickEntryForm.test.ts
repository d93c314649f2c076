import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { CaseworkChoices, DateView } from "../bindings";

const addQuickEntry = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { addQuickEntry, parseDate } }));

import QuickEntryForm from "./QuickEntryForm.svelte";

const today: DateView = { iso: "2025-11-25", wareki: "令和7年11月25日", warekiShort: "R7.11.25", weekday: "火" };

const choices: CaseworkChoices = {
  myStaffId: "s-me",
  staff: [
    { value: "s-other", label: "架空 次郎" },
    { value: "s-me", label: "試験 花子" },
  ],
  statuses: [],
  phases: [],
  disabilities: [],
  certificateKinds: [],
  supportKinds: [
    { value: "interview", label: "面談" },
    { value: "phone", label: "電話" },
    { value: "workplace_visit", label: "職場訪問" },
    { value: "accompany", label: "同行" },
  ],
  accompanyPurposes: [{ value: "hospital", label: "通院" }],
  channels: [{ value: "visit", label: "来所" }],
  topics: [],
  followUpMethods: [],
  risks: [],
  contractTypes: [],
  routes: [],
  endReasons: [],
  flagKinds: [],
  employers: [],
  partners: [],
};

describe("QuickEntryForm", () => {
  let form: ReturnType<typeof mount> | undefined;
  const onsaved = vi.fn();

  function open() {
    form = mount(QuickEntryForm, { target: document.body, props: { clientId: "c1", choices, today: today.iso, onsaved } });
    flushSync();
  }

  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };
  const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const key = (target: HTMLElement, init: KeyboardEventInit = {}) =>
    target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, ...init }));

  beforeEach(() => {
    localStorage.clear();
    addQuickEntry.mockReset().mockResolvedValue({ status: "ok", data: null });
    parseDate.mockReset().mockResolvedValue({ status: "ok", data: today });
    onsaved.mockReset();
  });

  afterEach(() => {
    if (form) unmount(form);
    form = undefined;
    document.body.innerHTML = "";
  });

  it("starts with today, the signed-in staff member and the default kind", async () => {
    open();
    await settle();
    expect(el<HTMLInputElement>("quick-entry-date").value).toBe("令和7年11月25日");
    expect(el<HTMLSelectElement>("quick-entry-staff").value).toBe("s-me");
    expect(el<HTMLSelectElement>("quick-entry-kind").value).toBe("support:phone");
  });

  it("starts with the kind used last, as remembered on this computer", async () => {
    localStorage.setItem("hotto.quickEntry.lastKind", JSON.stringify({ entry: "support", kind: "workplace_visit", detail: null }));
    open();
    await settle();
    expect(el<HTMLSelectElement>("quick-entry-kind").value).toBe("support:workplace_visit");
  });

  it("does not save on the Enter that confirms an IME conversion, and saves on the next one", async () => {
    open();
    await settle();
    const body = el<HTMLTextAreaElement>("quick-entry-body");
    body.value = "でんわ";
    body.dispatchEvent(new Event("input", { bubbles: true }));
    const field = el<HTMLInputElement>("quick-entry-date");
    field.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    key(field);
    await settle();
    expect(addQuickEntry).not.toHaveBeenCalled();

    // Ctrl+Enter in the text while composing does not save either.
    body.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    key(body, { ctrlKey: true, isComposing: true });
    await settle();
    expect(addQuickEntry).not.toHaveBeenCalled();
    body.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "電話" }));

    field.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "電話" }));
    key(el<HTMLSelectElement>("quick-entry-staff"));
    await settle();
    expect(addQuickEntry).toHaveBeenCalledTimes(1);
    expect(addQuickEntry).toHaveBeenCalledWith({
      clientId: "c1",
      entry: "support",
      on: "2025-11-25",
      kind: "phone",
      detail: null,
      staffId: "s-me",
      minutes: null,
      body: "でんわ",
    });
    expect(onsaved).toHaveBeenCalledTimes(1);
    expect(body.value).toBe("");
  });

  it("saves a consultation when the remembered kind is one, and remembers it again", async () => {
    localStorage.setItem("hotto.quickEntry.lastKind", JSON.stringify({ entry: "consultation", kind: "visit", detail: null }));
    open();
    await settle();
    expect(el<HTMLSelectElement>("quick-entry-kind").value).toBe("consultation:visit");
    el<HTMLTextAreaElement>("quick-entry-body").closest("form")!.requestSubmit();
    await settle();
    expect(addQuickEntry).toHaveBeenCalledWith(expect.objectContaining({ entry: "consultation", kind: "visit" }));
    localStorage.clear();
    await settle();
    el<HTMLTextAreaElement>("quick-entry-body").closest("form")!.requestSubmit();
    await settle();
    expect(JSON.parse(localStorage.getItem("hotto.quickEntry.lastKind") ?? "{}")).toEqual({
      entry: "consultation",
      kind: "visit",
      detail: null,
    });
  });
});
