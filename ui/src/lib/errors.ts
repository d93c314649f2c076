// One place that turns whatever a command threw or returned as an error into the
// Japanese sentence shown to the user. The core writes the messages; the UI only
// falls back when something other than an AppError arrives.

import type { AppError } from "../bindings";

/** Shown when the failure did not come with a message from the core. */
export const FALLBACK_MESSAGE = "予期しないエラーが発生しました。";

/** Whether `value` has the shape of the app's IPC error. */
export function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === "string" && typeof message === "string";
}

/** The Japanese message for an error of any kind. */
export function errorMessage(error: unknown): string {
  if (isAppError(error) && error.message.trim() !== "") return error.message;
  return FALLBACK_MESSAGE;
}

/** The core's code of an error, or `"unknown"`. */
export function errorCode(error: unknown): string {
  return isAppError(error) ? error.code : "unknown";
}
