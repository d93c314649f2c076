// The director's screens in the real window: staff & FTE (end an allocation after trying it
// and see the summary change), the results report with its page count, the audit log with its
// verification, then the plan (a staffing line corrected), accounts and settings. And a
// coordinator cannot reach the audit log.

import { afterEach, describe, expect, it } from "vitest";

import { openApp, openScreen, signIn, type RunningApp } from "./harness";

/** WebDriver's Enter key. */
const ENTER = "\uE007";

/** Yesterday on this machine's clock, as the app's date fields accept it. */
function yesterday(): string {
  const d = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

describe("director", () => {
  let app: RunningApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("reviews staffing, prints the results report and checks the audit log", async () => {
    app = await openApp("director");
    const { session } = app;
    await signIn(session, "director");

    // 職員・常勤換算: end an allocation, trying it first.
    await openScreen(session, "staff");
    const total = await session.find('[data-testid="fte-total"]', 30_000);
    const before = await total.text();
    expect(before).toMatch(/常勤換算/);
    await session.find('[data-testid="fte-chart"]');
    await app.shot("01-staff");

    await (await session.find('[data-testid="allocation-end"]')).click();
    const lastDay = await session.find("#end-last-day");
    await lastDay.type(yesterday() + ENTER);
    await session.waitForText("令和");
    await (await session.find('[data-testid="end-try"]')).click();
    await session.find('[data-testid="what-if"]', 15_000);
    expect(await (await session.find('[data-testid="fte-total"]')).text()).toBe(before);
    await app.shot("02-staff-what-if");

    await (await session.find('[data-testid="end-confirm"]')).click();
    await session.waitForText("配置を終了しました。", 15_000);
    await session.waitFor(
      async () => (await (await session.find('[data-testid="fte-total"]')).text()) !== before,
      15_000,
      "the summary to change",
    );
    await app.shot("03-staff-after");

    // 帳票: the results report, with its page count.
    await openScreen(session, "reports");
    await (await session.find('[data-testid="report-results"]')).click();
    await (await session.find('[data-testid="report-generate"]')).click();
    const pages = await session.find('[data-testid="report-pages"]', 120_000);
    expect(Number(await pages.text())).toBeGreaterThanOrEqual(2);
    expect(await (await session.find('[data-testid="report-summary"]')).text()).toMatch(/ページ/);
    await app.shot("04-reports");

    // 操作記録: rows, and the chain verifies.
    await openScreen(session, "audit");
    await session.find('[data-testid="audit-table"]', 30_000);
    await (await session.find('[data-testid="audit-verify"]')).click();
    const verdict = await session.find('[data-testid="audit-verdict"]', 60_000);
    expect(await verdict.text()).toContain("改ざんはありません");
    await app.shot("05-audit");

    await openScreen(session, "plan");
    await session.find("#target-newInquiries", 30_000);
    await session.waitForText("月次試算");
    // A staffing line of the plan corrected in place (Enter saves).
    await (await session.find('[data-testid="staffing-edit"]')).click();
    await (await session.find("#staffing-note")).type("（確認）" + ENTER);
    await session.waitForText("職員配置の行を修正しました。", 15_000);
    await session.waitForText("（確認）");
    await app.shot("06-plan");

    await openScreen(session, "users");
    await session.find('[data-testid="users-table"]', 30_000);
    await session.waitForText("見本 一郎");
    await app.shot("07-users");

    await openScreen(session, "settings");
    const minutes = await session.find("#idle-minutes", 30_000);
    expect(await minutes.value()).toBe("10");
    await session.find('[data-testid="backup-status"]');
    await app.shot("08-settings");
  });

  it("keeps the audit log out of a coordinator's reach", async () => {
    app = await openApp("director-staff");
    const { session } = app;
    await signIn(session, "shuro1");
    expect(await session.findAll('nav button[data-screen="audit"]')).toHaveLength(0);

    // Alt+A, the director's shortcut, does nothing for staff.
    await session.execute(
      "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', altKey: true, bubbles: true, cancelable: true }));",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await session.findAll("#audit-heading")).toHaveLength(0);
    expect(await session.findAll("#home-heading")).toHaveLength(1);
    await app.shot("01-no-audit");
  });
});
