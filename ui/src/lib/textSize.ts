// The text-size setting (標準/大/特大): kept per computer in localStorage and
// applied as the root font size, so every rem-sized thing grows with it.

/** The sizes offered, smallest first. */
export const TEXT_SIZES = [
  { id: "standard", label: "標準", percent: 100 },
  { id: "large", label: "大", percent: 125 },
  { id: "x-large", label: "特大", percent: 150 },
] as const;

export type TextSize = (typeof TEXT_SIZES)[number]["id"];

const STORAGE_KEY = "hotto.textSize";

/** Whether `value` names one of the sizes. */
export function isTextSize(value: unknown): value is TextSize {
  return TEXT_SIZES.some((size) => size.id === value);
}

/** The stored size, or 標準 when none (or an unknown value) is stored. */
export function storedTextSize(storage: Storage = localStorage): TextSize {
  const value = storage.getItem(STORAGE_KEY);
  return isTextSize(value) ? value : "standard";
}

/** Stores `size` and applies it to the page. */
export function setTextSize(
  size: TextSize,
  storage: Storage = localStorage,
  root: HTMLElement = document.documentElement,
): void {
  storage.setItem(STORAGE_KEY, size);
  applyTextSize(size, root);
}

/** Sets the root font size for `size`. */
export function applyTextSize(size: TextSize, root: HTMLElement = document.documentElement): void {
  const percent = TEXT_SIZES.find((s) => s.id === size)?.percent ?? 100;
  root.style.fontSize = `${percent}%`;
}
