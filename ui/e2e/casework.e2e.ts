// A coordinator's round in the real window: find a client by kana, record a
// support call by quick entry, complete a follow-up, move another to a later day, and see
// home's worklist shrink.

import { afterEach, describe, expect, it } from "vitest";

import { openApp, openScreen, signIn, type RunningApp } from "./harness";
import type { Session } from "./webdriver";

/** Katakana to hiragana, so the test types the other form than the one stored. */
function hiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Open follow-ups on home: overdue plus due within 7 days. */
async function homeFollowUpCount(session: Session): Promise<number> {
  const overdue = await session.find('[data-testid="count-overdue"]', 30_000);
  const dueSoon = await session.find('[data-testid="count-due-soon"]');
  return Number(await overdue.text()) + Number(await dueSoon.text());
}

describe("casework", () => {
  let app: RunningApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("finds a client by kana, records a call, completes a follow-up and sees the worklist shrink", async () => {
    app = await openApp("casework");
    const { session } = app;
    await signIn(session, "shuro1");

    // Home: the worklists and the fiscal year's figures.
    const before = await homeFollowUpCount(session);
    expect(before).toBeGreaterThan(0);
    await session.find('[data-testid="figure-new_inquiries"]', 30_000);
    expect(await session.pageText()).toContain("新規相談者数");
    await app.shot("01-home");

    // Clients: type the kana of a listed client in hiragana.
    await openScreen(session, "clients");
    const firstRow = await session.find("#client-list .client-row", 30_000);
    const clientId = await firstRow.attribute("data-client-id");
    const kana = await session.execute<string>(
      "return document.querySelector(`[data-client-id=\"${arguments[0]}\"] .kana`).textContent;",
      [clientId],
    );
    const typed = hiragana(kana).replace(/\s/g, "").slice(0, 4);
    expect(typed).not.toBe("");
    await (await session.find("#client-search")).type(typed);
    await session.waitFor(
      async () => Number(await (await session.find('[data-testid="client-count"]')).text()) < 100,
      15_000,
      "the search to narrow the list",
    );
    const found = await session.find(`#client-list [data-client-id="${clientId}"]`, 15_000);
    await app.shot("02-clients-search");

    // The client page: a support record by quick entry appears in the timeline.
    await found.click();
    await session.find("#client-heading", 15_000);
    await session.find('[data-testid="quick-entry"] #quick-entry-body', 15_000);
    const note = `電話で近況を伺いました（E2E ${Date.now() % 100000}）`;
    await (await session.find("#quick-entry-body")).type(note);
    await (await session.find('[data-testid="quick-entry-save"]')).click();
    await session.waitFor(
      async () => (await (await session.find('[data-testid="timeline"]')).text()).includes(note),
      15_000,
      "the record in the timeline",
    );
    await app.shot("03-client-quick-entry");

    // Follow-ups: complete the first of mine.
    await openScreen(session, "followUps");
    await (await session.find('[data-testid="follow-up-done"]', 30_000)).click();
    const outcome = await session.find('[data-testid="follow-up-done-form"] input[id^="outcome-"]');
    await outcome.type("本人と電話で話し、勤務は安定しているとのことでした。");
    await app.shot("04-follow-up-form");
    await (await session.find('[data-testid="follow-up-done-save"]')).click();
    await session.waitForText("実施済みにしました", 15_000);
    await app.shot("05-follow-up-done");

    // Move the next one to a Sunday: Enter reads the date, the next Enter saves, and the
    // core puts it on the next open day.
    const sunday = new Date();
    sunday.setDate(sunday.getDate() + 14 + ((7 - ((sunday.getDay() + 14) % 7)) % 7));
    const iso = `${sunday.getFullYear()}-${String(sunday.getMonth() + 1).padStart(2, "0")}-${String(sunday.getDate()).padStart(2, "0")}`;
    await (await session.find('[data-testid="follow-up-reschedule"]', 15_000)).click();
    const due = await session.find('[data-testid="follow-up-reschedule-form"] input[id^="reschedule-"]');
    await due.clear();
    await due.type(`${iso}\uE007`);
    await session.waitFor(async () => (await due.value()).startsWith("令和"), 15_000, "the date read in 和暦");
    await due.type("\uE007");
    await session.waitForText("休館日のため次の開所日にしました", 15_000);
    await app.shot("05b-follow-up-rescheduled");

    // Home again: two follow-ups fewer (one done, one moved beyond the week).
    await openScreen(session, "home");
    await session.waitFor(async () => (await homeFollowUpCount(session)) === before - 2, 15_000, "the count to shrink");
    await app.shot("06-home-after");
    await session.execute("document.querySelector('[data-testid=\"figures\"]').scrollIntoView();");
    await new Promise((resolve) => setTimeout(resolve, 800)); // let the window repaint
    await app.shot("07-home-figures");
  });
});
