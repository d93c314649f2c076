// The 同期 screen in the real window: the director sets this PC's sync folder and
// runs sync; the run reports what it sent and the folder holds only sealed files.

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { openApp, openScreen, signIn, type RunningApp } from "./harness";

describe("sync", () => {
  let app: RunningApp | undefined;
  let share: string | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
    if (share) rmSync(share, { recursive: true, force: true });
  });

  it("lets the director set the sync folder and run sync", async () => {
    share = mkdtempSync(join(tmpdir(), "hotto-share-"));
    app = await openApp("sync");
    const { session } = app;
    await signIn(session, "director");
    await openScreen(session, "sync");
    await session.waitForText("同期フォルダ");
    expect(await (await session.find('[data-testid="sync-folder"]')).text()).toBe("未設定");
    await app.shot("01-not-set");

    await (await session.find("#sync-folder-input")).type(share);
    await (await session.find('form button[type="submit"]')).click();
    await session.waitForText("同期フォルダを設定しました。");
    await (await session.find('[data-testid="sync-run"]')).click();
    const report = await session.find('[data-testid="sync-report"]', 30_000);
    expect(await report.text()).toMatch(/送信 \d+件/);
    const run = await session.find('[data-testid="sync-run"]');
    await session.waitFor(async () => (await run.text()) === "今すぐ同期", 15_000, "the run to end");
    await app.shot("02-synced");

    const files = readdirSync(share);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => !f.includes("見本"))).toBe(true);
  });
});
