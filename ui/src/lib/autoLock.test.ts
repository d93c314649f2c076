import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { IDLE_LOCK_MS, idleLockMs, watchIdle } from "./autoLock";

describe("watchIdle", () => {
  let stop: (() => void) | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it("locks after ten minutes without input", () => {
    const onIdle = vi.fn();
    stop = watchIdle(window, onIdle);
    vi.advanceTimersByTime(IDLE_LOCK_MS - 10_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(IDLE_LOCK_MS).toBe(600_000);
  });

  it("counts keyboard and mouse input as activity", () => {
    const onIdle = vi.fn();
    stop = watchIdle(window, onIdle, 60_000);
    vi.advanceTimersByTime(50_000);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    vi.advanceTimersByTime(50_000);
    window.dispatchEvent(new Event("pointermove"));
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("locks on the first input after a long absence instead of counting it", () => {
    const onIdle = vi.fn();
    stop = watchIdle(window, onIdle, 60_000);
    // The PC slept: the clock moved on but no timer ran.
    vi.setSystemTime(Date.now() + 120_000);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("locks only once and stops watching", () => {
    const onIdle = vi.fn();
    stop = watchIdle(window, onIdle, 60_000);
    vi.advanceTimersByTime(300_000);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});

describe("idleLockMs", () => {
  it("turns the stored minutes into milliseconds", () => {
    expect(idleLockMs(3)).toBe(180_000);
  });

  it("falls back to ten minutes for a value that is not a positive number", () => {
    expect(idleLockMs(0)).toBe(IDLE_LOCK_MS);
    expect(idleLockMs(Number.NaN)).toBe(IDLE_LOCK_MS);
  });
});
