import { describe, expect, it } from "vitest";

import { errorCode, errorMessage, FALLBACK_MESSAGE, isAppError } from "./errors";

describe("errorMessage", () => {
  it("shows the core's Japanese message of an AppError", () => {
    const error = {
      code: "wrong_credentials",
      message: "ログインIDまたはパスワードが正しくありません。",
    };
    expect(errorMessage(error)).toBe("ログインIDまたはパスワードが正しくありません。");
    expect(errorCode(error)).toBe("wrong_credentials");
  });

  it("falls back for anything that is not an AppError", () => {
    for (const thrown of [
      new Error("boom"),
      "Command sign_in not allowed by ACL",
      undefined,
      null,
      42,
      { code: 1, message: "x" },
      { message: "no code" },
    ]) {
      expect(errorMessage(thrown)).toBe(FALLBACK_MESSAGE);
      expect(errorCode(thrown)).toBe("unknown");
    }
  });

  it("falls back when an AppError has an empty message", () => {
    expect(errorMessage({ code: "internal", message: "  " })).toBe(FALLBACK_MESSAGE);
  });

  it("the fallback is the agreed sentence", () => {
    expect(FALLBACK_MESSAGE).toBe("予期しないエラーが発生しました。");
  });

  it("recognises the AppError shape", () => {
    expect(isAppError({ code: "x", message: "y" })).toBe(true);
    expect(isAppError(["x", "y"])).toBe(false);
  });
});
