import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ClientListView, ClientRowView } from "../bindings";

const searchClients = vi.hoisted(() => vi.fn());
const caseworkChoices = vi.hoisted(() => vi.fn());
const today = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { searchClients, caseworkChoices, today } }));

import ClientsScreen from "./ClientsScreen.svelte";

function row(id: string, name: string, kana: string): ClientRowView {
  return { id, name, kana, birthDate: null, statusLabel: "利用登録中", phaseLabel: "就労中", mainStaffName: "試験 花子", flags: [] };
}

function list(rows: ClientRowView[], total = rows.length): { status: "ok"; data: ClientListView } {
  return { status: "ok", data: { total, rows } };
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
    expect(document.body.textContent).toContain("先頭2件を表示しています");
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
      500,
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
