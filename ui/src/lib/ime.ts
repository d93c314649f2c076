// Enter confirms a conversion in a Japanese IME: that Enter must never submit a
// form. Browsers mark it differently (isComposing, keyCode 229, or only the
// compositionstart/compositionend pair), so all three are checked.

import type { Action } from "svelte/action";

/** Whether this keydown is an Enter that should submit (not one that ends an IME conversion). */
export function isSubmitEnter(e: KeyboardEvent, composing: boolean): boolean {
  if (e.key !== "Enter") return false;
  if (composing || e.isComposing || e.keyCode === 229) return false;
  // Shift+Enter and the like are left to the field (e.g. a new line in a text area).
  return !(e.shiftKey || e.altKey || e.ctrlKey || e.metaKey);
}

/**
 * Calls `submit` on Enter inside the element (usually a form), but never while an
 * IME is composing. Also stops the browser's own Enter-submits-the-form, which
 * does not know about the IME.
 */
export const submitOnEnter: Action<HTMLElement, () => void> = (node, submit) => {
  let composing = false;
  let onSubmit = submit;

  const start = () => {
    composing = true;
  };
  const end = () => {
    composing = false;
  };
  const keydown = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || isInMultilineField(e.target)) return;
    if (!isSubmitEnter(e, composing)) {
      // Leave IME keystrokes untouched; just keep the form from submitting by itself.
      if (!composing && !e.isComposing && e.keyCode !== 229) e.preventDefault();
      return;
    }
    if (isButton(e.target)) return; // a focused button handles its own Enter
    e.preventDefault();
    onSubmit();
  };

  node.addEventListener("compositionstart", start);
  node.addEventListener("compositionend", end);
  node.addEventListener("keydown", keydown);
  return {
    update(next) {
      onSubmit = next;
    },
    destroy() {
      node.removeEventListener("compositionstart", start);
      node.removeEventListener("compositionend", end);
      node.removeEventListener("keydown", keydown);
    },
  };
};

function isInMultilineField(target: EventTarget | null): boolean {
  return target instanceof HTMLTextAreaElement;
}

function isButton(target: EventTarget | null): boolean {
  return target instanceof HTMLButtonElement;
}
