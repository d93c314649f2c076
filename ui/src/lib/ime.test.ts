import { afterEach, describe, expect, it, vi } from "vitest";

import { isSubmitEnter, submitOnEnter } from "./ime";

function enter(init: KeyboardEventInit = {}): KeyboardEvent {
  return new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, ...init });
}

/** An Enter whose keyCode is 229, as WebKit reports keys the IME handled. */
function imeEnter(): KeyboardEvent {
  const e = enter();
  Object.defineProperty(e, "keyCode", { value: 229 });
  return e;
}

describe("isSubmitEnter", () => {
  it("accepts a plain Enter", () => {
    expect(isSubmitEnter(enter(), false)).toBe(true);
  });

  it("ignores Enter while a composition is open", () => {
    expect(isSubmitEnter(enter(), true)).toBe(false);
  });

  it("ignores an Enter the browser marks as composing", () => {
    expect(isSubmitEnter(enter({ isComposing: true }), false)).toBe(false);
  });

  it("ignores an Enter with keyCode 229", () => {
    expect(isSubmitEnter(imeEnter(), false)).toBe(false);
  });

  it("ignores other keys and Enter with a modifier", () => {
    expect(isSubmitEnter(enter({ key: "a" }), false)).toBe(false);
    expect(isSubmitEnter(enter({ shiftKey: true }), false)).toBe(false);
    expect(isSubmitEnter(enter({ ctrlKey: true }), false)).toBe(false);
  });
});

describe("submitOnEnter", () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    document.body.innerHTML = "";
  });

  function form() {
    const el = document.createElement("form");
    const input = document.createElement("input");
    el.append(input);
    document.body.append(el);
    const submit = vi.fn();
    const handle = submitOnEnter(el, submit);
    cleanup = () => handle?.destroy?.();
    return { input, submit };
  }

  it("submits on Enter in a field and stops the browser's own submission", () => {
    const { input, submit } = form();
    const e = enter();
    input.dispatchEvent(e);
    expect(submit).toHaveBeenCalledTimes(1);
    expect(e.defaultPrevented).toBe(true);
  });

  it("does not submit on the Enter that confirms a conversion", () => {
    const { input, submit } = form();
    input.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
    const confirm = enter();
    input.dispatchEvent(confirm);
    input.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "山田" }));
    expect(submit).not.toHaveBeenCalled();
    expect(confirm.defaultPrevented).toBe(false);
  });

  it("submits on the next Enter once the conversion has ended", () => {
    const { input, submit } = form();
    input.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    input.dispatchEvent(enter());
    input.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "山田" }));
    input.dispatchEvent(enter());
    expect(submit).toHaveBeenCalledTimes(1);
  });

  it("does not submit when compositionend comes before the keydown (keyCode 229)", () => {
    const { input, submit } = form();
    input.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    input.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "山田" }));
    input.dispatchEvent(imeEnter());
    expect(submit).not.toHaveBeenCalled();
  });

  it("stops listening when destroyed", () => {
    const { input, submit } = form();
    cleanup?.();
    cleanup = undefined;
    input.dispatchEvent(enter());
    expect(submit).not.toHaveBeenCalled();
  });
});
