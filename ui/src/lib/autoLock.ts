// Auto-lock: after a while without keyboard or mouse input the session is closed,
// so an unattended office PC does not leave client records open.

/** Minutes without input before the app locks, until the settings say otherwise. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

/** How long without input before the app locks by default (10 minutes). */
export const IDLE_LOCK_MS = DEFAULT_IDLE_LOCK_MINUTES * 60 * 1000;

/** The idle time in milliseconds for a stored number of minutes (the default when not a positive number). */
export function idleLockMs(minutes: number): number {
  const valid = Number.isFinite(minutes) && minutes > 0;
  return (valid ? minutes : DEFAULT_IDLE_LOCK_MINUTES) * 60 * 1000;
}

/** How often the idle time is checked. */
const CHECK_EVERY_MS = 5 * 1000;

/** Input that counts as someone at the computer. */
const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

/**
 * Calls `onIdle` once, when `timeoutMs` have passed without input on `target`.
 * Time is measured by the clock, not by timers, so a sleeping PC or a throttled
 * window locks as soon as it wakes, and the first keystroke after a long absence
 * locks rather than counting as activity. Returns a function that stops watching.
 */
export function watchIdle(
  target: EventTarget,
  onIdle: () => void,
  timeoutMs: number = IDLE_LOCK_MS,
): () => void {
  let last = Date.now();
  let stopped = false;

  const check = (): boolean => {
    if (stopped) return true;
    if (Date.now() - last < timeoutMs) return false;
    stop();
    onIdle();
    return true;
  };
  const activity = () => {
    if (!check()) last = Date.now();
  };
  const timer = setInterval(check, Math.min(CHECK_EVERY_MS, timeoutMs));
  const options = { capture: true, passive: true };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, activity, options);
  document.addEventListener("visibilitychange", check);

  function stop() {
    stopped = true;
    clearInterval(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, activity, options);
    document.removeEventListener("visibilitychange", check);
  }
  return stop;
}
