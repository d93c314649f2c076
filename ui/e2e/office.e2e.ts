// The office screens in the real window, as a coordinator: employers (add one), partners,
// meetings (open a liaison meeting and make its handout), and the drop-in space (record a
// day's count). Every screen passed through is saved as a screenshot.

import { afterEach, describe, expect, it } from "vitest";

import { openApp, openScreen, signIn, type RunningApp } from "./harness";

describe("office screens", () => {
  let app: RunningApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("adds an employer, lists partners, makes a liaison handout and records a drop-in count", async () => {
    app = await openApp("office");
    const { session } = app;
    await signIn(session, "shuro1");

    // 企業・開拓: add an employer and see its page.
    await openScreen(session, "employers");
    await session.find("#employers-heading");
    await session.find('[data-testid="employer-open"]', 20_000);
    await app.shot("01-employers");
    await (await session.find('[data-testid="employer-add"]')).click();
    await (await session.find("#employer-name")).type("見本テスト商会");
    await (await session.find("#employer-industry")).type("小売業");
    await (await session.find('[data-testid="employer-save"]')).click();
    const detail = await session.find('[data-testid="employer-detail"]', 15_000);
    expect(await detail.text()).toContain("見本テスト商会");
    expect(await (await session.find('[data-testid="employers"]')).text()).toContain("見本テスト商会");
    await app.shot("02-employer-added");
    await (await session.find("#employers-tab-development")).click();
    await session.find('[data-testid="development-activity"]', 15_000);
    await app.shot("03-development");

    // 関係機関: grouped by the plan's categories.
    await openScreen(session, "partners");
    await session.find('[data-testid="partners"]', 15_000);
    expect(await session.pageText()).toContain("ハローワーク");
    await app.shot("04-partners");

    // 会議・行事: a liaison meeting's handout says how many pages it made.
    await openScreen(session, "meetings");
    await (await session.find('.tabs button[data-kind="liaison"]', 15_000)).click();
    const found = await session
      .find('[data-meeting-kind="liaison"] [data-testid="meeting-open"]', 5_000)
      .catch(() => null);
    if (found === null) {
      // Early in a fiscal year there may be none yet: take the year before.
      await session.execute(
        `const s = document.querySelector("#meetings-fy"); s.selectedIndex = 1;
         s.dispatchEvent(new Event("change", { bubbles: true }));`,
      );
    }
    await (await session.find('[data-meeting-kind="liaison"] [data-testid="meeting-open"]', 15_000)).click();
    await session.find('[data-testid="meeting-detail"]', 15_000);
    await app.shot("05-meeting");
    await (await session.find('[data-testid="handout-view"]')).click();
    const result = await session.find('[data-testid="handout-result"]', 90_000);
    expect(await result.text()).toMatch(/PDF・\d+ページ・\d+KB/);
    await session.execute(
      `document.querySelector('[data-testid="handout-result"]').scrollIntoView({ block: "center" });`,
    );
    await app.shot("06-handout");
    await (await session.find('[data-testid="meeting-attendance"]')).click();
    await session.find('[data-testid="attendance-save"]', 15_000);
    await app.shot("07-attendance");

    // 交流・委託・通信: record a day's count (a Tuesday the center was open).
    await openScreen(session, "office");
    await session.find("#dropin-visitors", 15_000);
    const day = await session.find("#dropin-day");
    await day.clear();
    await day.type("R7.11.25");
    await (await session.find("#dropin-visitors")).click();
    await session.waitForText("2025-11-25（火）");
    await (await session.find("#dropin-visitors")).type("7");
    await (await session.find('[data-testid="dropin-save"]')).click();
    await session.find('[data-testid="dropin-done"]', 15_000);
    const row = await session.find('[data-day="2025-11-25"]', 15_000);
    expect(await row.text()).toContain("7名");
    await app.shot("08-dropin");
    await (await session.find("#office-tab-commissions")).click();
    await session.find("#commission-fy", 15_000);
    await app.shot("09-commissions");
    await (await session.find("#office-tab-newsletters")).click();
    await session.find("#newsletter-number", 15_000);
    await app.shot("10-newsletters");
  });
});
