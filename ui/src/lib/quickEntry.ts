// The quick entry's memory: the kind of record this person entered last, kept per
// computer so the form opens on it ("the last kind I used").

/** What the quick entry records. */
export type EntryType = "support" | "consultation";

/** The last kind used: a support record kind or a consultation channel. */
export interface LastKind {
  entry: EntryType;
  kind: string;
  detail: string | null;
}

const STORAGE_KEY = "hotto.quickEntry.lastKind";

/** The default when nothing was stored: a phone call (電話) support record. */
export const DEFAULT_KIND: LastKind = { entry: "support", kind: "phone", detail: null };

/** The stored last kind, or the default. */
export function lastKind(storage: Storage = localStorage): LastKind {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_KIND;
    const value = JSON.parse(raw) as Partial<LastKind>;
    if ((value.entry === "support" || value.entry === "consultation") && typeof value.kind === "string") {
      return { entry: value.entry, kind: value.kind, detail: typeof value.detail === "string" ? value.detail : null };
    }
  } catch {
    // A damaged value is the same as none.
  }
  return DEFAULT_KIND;
}

/** Remembers the kind just used. */
export function rememberKind(kind: LastKind, storage: Storage = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(kind));
}
