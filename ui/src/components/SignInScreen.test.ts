import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";

import type { AppInfo, SessionView } from "../bindings";

const signIn = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { signIn } }));

import SignInScreen from "./SignInScreen.svelte";

const info: AppInfo = {
  dataDir: "/tmp/hotto-demo",
  initialised: true,
  demoAccounts: [
    {
      login: "director",
      displayName: "見本 一郎",
      role: "director",
      roleLabel: "施設長",
      password: "hotto-demo",
    },
  ],
};

const session: SessionView = {
  userId: "u1",
  login: "director",
  displayName: "見本 一郎",
  role: "director",
  roleLabel: "施設長",
};

describe("SignInScreen", () => {
  let screen: ReturnType<typeof mount> | undefined;
  let onSignedIn: Mock<(session: SessionView) => void>;

  beforeEach(() => {
    signIn.mockReset();
    onSignedIn = vi.fn<(session: SessionView) => void>();
    screen = mount(SignInScreen, {
      target: document.body,
      props: { info, notice: null, initialLogin: "", onSignedIn },
    });
    flushSync();
  });

  afterEach(() => {
    if (screen) unmount(screen);
    document.body.innerHTML = "";
  });

  const field = (id: string) => document.getElementById(id) as HTMLInputElement;
  const type = (id: string, text: string) => {
    field(id).value = text;
    field(id).dispatchEvent(new Event("input", { bubbles: true }));
  };
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };

  it("fills the form from a demo account", () => {
    const button = document.querySelector<HTMLButtonElement>(".demo button");
    button?.click();
    flushSync();
    expect(field("login").value).toBe("director");
    expect(field("password").value).toBe("hotto-demo");
  });

  it("signs in on Enter and hands the session up", async () => {
    signIn.mockResolvedValue({ status: "ok", data: session });
    type("login", "director");
    type("password", "hotto-demo");
    field("password").dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }),
    );
    await settle();
    expect(signIn).toHaveBeenCalledWith("director", "hotto-demo");
    expect(onSignedIn).toHaveBeenCalledWith(session);
  });

  it("does not sign in on the Enter that confirms an IME conversion", async () => {
    const login = field("login");
    login.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    login.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, isComposing: true }));
    await settle();
    expect(signIn).not.toHaveBeenCalled();
  });

  it("shows the core's message in the alert region and clears the password", async () => {
    signIn.mockResolvedValue({
      status: "error",
      error: { code: "wrong_credentials", message: "ログインIDまたはパスワードが正しくありません。" },
    });
    type("login", "director");
    type("password", "wrong");
    document.querySelector<HTMLButtonElement>("button[type=submit]")?.click();
    await settle();
    expect(document.querySelector("[role=alert]")?.textContent).toContain(
      "ログインIDまたはパスワードが正しくありません。",
    );
    expect(field("password").value).toBe("");
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
