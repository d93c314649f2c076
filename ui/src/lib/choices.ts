// The options of the casework forms (staff, kinds, methods, employers…), fetched
// once per sign-in and shared by every screen; `refreshChoices` after a change.
import { commands, type CaseworkChoices } from "../bindings";
import { unwrap } from "./ipc";

let pending: Promise<CaseworkChoices> | null = null;

/** The options, loaded on first use. */
export function choices(): Promise<CaseworkChoices> {
  pending ??= unwrap(commands.caseworkChoices()).catch((e: unknown) => {
    pending = null;
    throw e;
  });
  return pending;
}

/** Forgets the cached options (after sign-out, or a new employer). */
export function refreshChoices(): void {
  pending = null;
}
