// Signing in and the frame around the screens, in the real window.

import { afterEach, describe, expect, it } from "vitest";

import { openApp, openScreen, signIn, type RunningApp } from "./harness";

describe("sign-in", () => {
  let app: RunningApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("lists the demo accounts and signs a coordinator in to the home screen", async () => {
    app = await openApp("signin");
    const { session } = app;
    await session.waitForText("試験 花子");
    await app.shot("01-sign-in");

    await signIn(session, "shuro1");
    expect(await session.pageText()).toContain("試験 花子");
    await app.shot("02-home");
  });

  it("refuses a wrong password with a Japanese message and no home screen", async () => {
    app = await openApp("wrong-password");
    const { session } = app;
    await (await session.find("#login")).type("shuro1");
    await (await session.find("#password")).type("wrong-password");
    await (await session.find('form button[type="submit"]')).click();
    const message = await session.find('[role="alert"] .message.error', 15_000);
    expect(await message.text()).toMatch(/パスワード/);
    expect(await session.findAll("#home-heading")).toHaveLength(0);
    await app.shot("01-refused");
  });

  it("keeps the director's screens out of a coordinator's menu", async () => {
    app = await openApp("staff-menu");
    const { session } = app;
    await signIn(session, "seikatsu1");
    expect(await session.findAll('nav button[data-screen="audit"]')).toHaveLength(0);
    await openScreen(session, "clients");
    await app.shot("01-menu");
  });
});
