import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";

import type { DateView, Result, AppError } from "../bindings";

const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { parseDate } }));

import DateInput from "./DateInput.svelte";

const APRIL_FIRST: DateView = {
  iso: "2025-04-01",
  wareki: "令和7年4月1日",
  warekiShort: "R7.4.1",
  weekday: "火",
};

function ok(data: DateView): Result<DateView, AppError> {
  return { status: "ok", data };
}

function refused(message: string): Result<DateView, AppError> {
  return { status: "error", error: { code: "invalid_date", message } };
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

describe("DateInput", () => {
  let field: ReturnType<typeof mount> | undefined;
  let onchange: Mock<(iso: string | null) => void>;

  beforeEach(() => {
    parseDate.mockReset();
    onchange = vi.fn<(iso: string | null) => void>();
  });

  afterEach(() => {
    if (field) unmount(field);
    document.body.innerHTML = "";
  });

  function show(value: string | null, required = false) {
    field = mount(DateInput, {
      target: document.body,
      props: { label: "支援日", value, onchange, id: "d", required },
    });
    flushSync();
    return document.querySelector<HTMLInputElement>("#d")!;
  }

  it("reads 和暦 typed by staff through the core and reports the ISO date", async () => {
    parseDate.mockResolvedValue(ok(APRIL_FIRST));
    const input = show(null);
    input.value = "R7.4.1";
    input.dispatchEvent(new Event("input"));
    input.dispatchEvent(new FocusEvent("blur"));
    await settle();

    expect(parseDate).toHaveBeenCalledWith("R7.4.1");
    expect(onchange).toHaveBeenCalledWith("2025-04-01");
    expect(input.value).toBe("令和7年4月1日");
    expect(document.body.textContent).toContain("2025-04-01（火）");
  });

  it("shows the core's Japanese reason for an impossible date and keeps the old value", async () => {
    parseDate.mockResolvedValue(refused("存在しない日付です（令和7年2月30日）"));
    const input = show(null);
    input.value = "R7.2.30";
    input.dispatchEvent(new Event("input"));
    input.dispatchEvent(new FocusEvent("blur"));
    await settle();

    expect(onchange).not.toHaveBeenCalled();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.querySelector('[role="alert"]')?.textContent).toContain("存在しない日付です");
  });

  it("does not read the field on the Enter that ends an IME conversion", async () => {
    parseDate.mockResolvedValue(ok(APRIL_FIRST));
    const input = show(null);
    input.dispatchEvent(new CompositionEvent("compositionstart"));
    input.value = "れいわ";
    input.dispatchEvent(new Event("input"));
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }));
    await settle();
    expect(parseDate).not.toHaveBeenCalled();
  });

  it("shows a date given from outside in 和暦", async () => {
    parseDate.mockResolvedValue(ok(APRIL_FIRST));
    const input = show("2025-04-01");
    await settle();
    expect(parseDate).toHaveBeenCalledWith("2025-04-01");
    expect(input.value).toBe("令和7年4月1日");
    expect(onchange).not.toHaveBeenCalled();
  });

  it("asks for a date when a required field is left empty", () => {
    const input = show(null, true);
    input.dispatchEvent(new FocusEvent("blur"));
    flushSync();
    expect(document.body.textContent).toContain("日付を入力してください");
    expect(parseDate).not.toHaveBeenCalled();
  });
});
