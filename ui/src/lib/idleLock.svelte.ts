// The idle-lock time the frame uses: the value stored in the core's settings (10 minutes
// until the director changes it), shared so that the settings screen takes effect at once.

import { commands } from "../bindings";
import { DEFAULT_IDLE_LOCK_MINUTES } from "./autoLock";
import { unwrap } from "./ipc";

class IdleLock {
  minutes = $state(DEFAULT_IDLE_LOCK_MINUTES);

  /** Reads the stored value; keeps the default when it cannot be read. */
  async load(): Promise<void> {
    try {
      this.minutes = await unwrap(commands.idleLockMinutes());
    } catch {
      this.minutes = DEFAULT_IDLE_LOCK_MINUTES;
    }
  }
}

/** The one idle-lock setting of the window. */
export const idleLock = new IdleLock();
