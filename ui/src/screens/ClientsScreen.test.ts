import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ClientListView, ClientRowView } from "../bindings";

const searchClients = vi.hoisted(() => vi.fn());
const caseworkChoices = vi.hoisted(() => vi.fn());
const today = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { searchClients, caseworkChoices, today } }));

import { PAGE_SIZE } from "../lib/pagedRows";
import ClientsScreen from "./ClientsScreen.svelte";

function row(id: string, name: string, kana: string): ClientRowView {
  return { id, name, kana, birthDate: null, statusLabel: "利用登録中", phaseLabel: "就労中", mainStaffName: "試験 花子", flags: [] };
}

function list(rows: ClientRowView[], total = rows.length): { status: "ok"; data: ClientListView } {
  return { status: "ok", data: { total, offset: 0, rows } };
}

/** A core holding `total` clients named 利用者 0, 利用者 1, …, answering any page. */
function paged(total: number) {
  return async (_filter: unknown, offset: number, limit: number): Promise<{ status: "ok"; data: ClientListView }> => {
    const rows: ClientRowView[] = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(row(String(i), `利用者 ${i}`, "リヨウシャ"));
    return { status: "ok", data: { total, offset, rows } };
  };
}

describe("ClientsScreen search", () => {
  let screen: ReturnType<typeof mount> | undefined;

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const settle = async () => {
    for (let i = 0; i < 3; i++) await wait(0);
    flushSync();
  };
  const search = () => document.getElementById("client-search") as HTMLInputElement;
  const typeText = (text: string) => {
    search().value = text;
    search().dispatchEvent(new Event("input", { bubbles: true }));
  };

  beforeEach(() => {
    searchClients.mockReset().mockResolvedValue(list([row("1", "山田 太郎", "ヤマダ タロウ"), row("2", "鈴木 花", "スズキ ハナ")], 666));
    caseworkChoices.mockReset().mockResolvedValue({ status: "error", error: { code: "x", message: "読み込めませんでした。" } });
    today.mockReset().mockResolvedValue({ iso: "2025-11-25", wareki: "令和7年11月25日", warekiShort: "R7.11.25", weekday: "火" });
    screen = mount(ClientsScreen, { target: document.body });
    flushSync();
  });

  afterEach(() => {
    if (screen) unmount(screen);
    document.body.innerHTML = "";
  });

  it("lists the clients with the count of all that match", async () => {
    await settle();
    expect(searchClients).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-testid="client-count"]')?.textContent).toBe("666");
    const names = [...document.querySelectorAll(".client-row .name")].map((n) => n.textContent);
    expect(names).toEqual(["山田 太郎", "鈴木 花"]);
    // The rows of the other 664 are in the list, shown as loading until their page arrives.
    expect(document.querySelector('[data-row-index="2"]')?.getAttribute("aria-busy")).toBe("true");
  });

  it("fetches the page of the last match when End is pressed, so that every match is reachable", async () => {
    searchClients.mockReset().mockImplementation(paged(10_000));
    typeText("り");
    await wait(20);
    await settle();
    expect(document.querySelector('[data-testid="client-count"]')?.textContent).toBe("10,000");
    expect(searchClients).toHaveBeenLastCalledWith(expect.objectContaining({ text: "り" }), 0, PAGE_SIZE);
    const firstRow = document.querySelector<HTMLElement>('[data-row-index="0"]');
    firstRow?.focus();
    firstRow?.dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true }));
    await settle();
    await settle();
    expect(searchClients).toHaveBeenCalledWith(
      expect.objectContaining({ text: "り" }),
      Math.floor(9_999 / PAGE_SIZE) * PAGE_SIZE,
      PAGE_SIZE,
    );
    const last = document.querySelector<HTMLElement>('[data-row-index="9999"]');
    expect(last?.querySelector(".name")?.textContent).toBe("利用者 9999");
    expect(document.activeElement).toBe(last);
  });

  it("asks the core once for keystrokes that arrive together, with the latest text", async () => {
    await settle();
    expect(searchClients).toHaveBeenCalledTimes(1);
    searchClients.mockResolvedValue(list([row("1", "山田 太郎", "ヤマダ タロウ")]));
    typeText("や");
    typeText("やま");
    typeText("やまだ");
    await wait(20);
    await settle();
    expect(searchClients).toHaveBeenCalledTimes(2);
    expect(searchClients).toHaveBeenLastCalledWith(
      { text: "やまだ", status: null, phase: null, staffId: null, disability: null },
      0,
      PAGE_SIZE,
    );
    const names = [...document.querySelectorAll(".client-row .name")].map((n) => n.textContent);
    expect(names).toEqual(["山田 太郎"]);
    expect(document.querySelector('[data-testid="client-count"]')?.textContent).toBe("1");
  });

  it("shows the core's message when a search fails", async () => {
    await settle();
    searchClients.mockResolvedValue({ status: "error", error: { code: "invalid_session", message: "ログインの有効期限が切れました。" } });
    typeText("すず");
    await wait(300);
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain("ログインの有効期限が切れました。");
  });
});
