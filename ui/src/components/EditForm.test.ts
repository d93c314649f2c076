import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

const saveEmployer = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { saveEmployer } }));

import EmployerEditForm from "./EmployerEditForm.svelte";

// The shared edit form, as the employer screen uses it.
describe("EditForm (through EmployerEditForm)", () => {
  let form: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (form) unmount(form);
    document.body.innerHTML = "";
    saveEmployer.mockReset();
  });

  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
    flushSync();
  };

  function open(onsaved = vi.fn(), oncancel = vi.fn()) {
    form = mount(EmployerEditForm, { target: document.body, props: { employer: null, onsaved, oncancel } });
    flushSync();
    return { onsaved, oncancel };
  }

  it("labels every field, names the form, and saves what was typed on Enter", async () => {
    saveEmployer.mockResolvedValue({ status: "ok", data: "emp-1" });
    const { onsaved } = open();
    expect(document.querySelector("form")?.getAttribute("aria-label")).toBe("企業・事業所の追加");
    expect(document.querySelector("h2")?.textContent).toBe("企業・事業所を追加");
    const name = document.getElementById("employer-name") as HTMLInputElement;
    expect(name.closest("label")?.textContent).toContain("企業・事業所名（必須）");
    name.value = "見本商会";
    name.dispatchEvent(new Event("input", { bubbles: true }));
    const notes = document.getElementById("employer-notes");
    expect(notes?.tagName).toBe("TEXTAREA");
    name.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    expect(saveEmployer).toHaveBeenCalledWith(null, expect.objectContaining({ name: "見本商会", industry: "" }));
    expect(onsaved).toHaveBeenCalledWith("emp-1");
  });

  it("shows the core's message and stays open when saving is refused", async () => {
    saveEmployer.mockResolvedValue({ status: "error", error: { code: "invalid", message: "企業・事業所名を入力してください。" } });
    const { onsaved } = open();
    document.querySelector<HTMLButtonElement>('[data-testid="employer-save"]')?.click();
    await settle();
    expect(document.querySelector("[role=alert]")?.textContent).toBe("企業・事業所名を入力してください。");
    expect(onsaved).not.toHaveBeenCalled();
  });

  it("cancels without saving", () => {
    const { oncancel } = open();
    const cancel = [...document.querySelectorAll("button")].find((b) => b.textContent === "やめる");
    cancel?.click();
    expect(oncancel).toHaveBeenCalledTimes(1);
    expect(saveEmployer).not.toHaveBeenCalled();
  });
});
