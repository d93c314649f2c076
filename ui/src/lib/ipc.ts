// Commands that can fail return a tagged result (see bindings.ts); `unwrap`
// turns it back into a value or a thrown AppError, so screens can use try/catch.

import type { Result } from "../bindings";

/** The value of an ok result; throws the error of a failed one. */
export async function unwrap<T, E>(pending: Promise<Result<T, E>>): Promise<T> {
  const result = await pending;
  if (result.status === "error") throw result.error;
  return result.data;
}
