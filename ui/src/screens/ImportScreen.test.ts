import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ImportKindInfo, ImportPreviewView, ImportReportView } from "../bindings";

const importKinds = vi.hoisted(() => vi.fn());
const importDryRun = vi.hoisted(() => vi.fn());
const importApply = vi.hoisted(() => vi.fn());
const importProgress = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({
  commands: { importKinds, importDryRun, importApply, importProgress },
}));

import ImportScreen from "./ImportScreen.svelte";

const kinds: ImportKindInfo[] = [
  {
    kind: "employers",
    label: "企業・事業所",
    columns: [{ label: "企業名", aliases: ["事業所名"], required: true }],
  },
  {
    kind: "clients",
    label: "相談者",
    columns: [
      { label: "氏名", aliases: [], required: true },
      { label: "生年月日", aliases: ["誕生日"], required: false },
    ],
  },
];

const clean: ImportPreviewView = {
  kind: "clients",
  encoding: "UTF-8（BOM付き）",
  rowsTotal: 2,
  problems: [],
  duplicates: [{ row: 3, existingId: null, sameAsRow: 2 }],
  ignoredColumns: ["No."],
  canImport: true,
};

const bad: ImportPreviewView = {
  ...clean,
  problems: [
    { row: 4, column: "生年月日", message: "生年月日: 存在しない日付です（2025年2月30日）" },
    { row: 0, column: "", message: "ファイルが空です。" },
  ],
  canImport: false,
};

const report: ImportReportView = { kind: "clients", imported: 2, duplicates: clean.duplicates };

describe("ImportScreen", () => {
  let screen: ReturnType<typeof mount> | undefined;

  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      flushSync();
    }
  };
  const byTestId = <T extends HTMLElement>(id: string) =>
    document.querySelector<T>(`[data-testid="${id}"]`);

  async function chooseFile(text: string) {
    const input = byTestId<HTMLInputElement>("import-file");
    if (!input) throw new Error("no file input");
    const file = new File([text], "相談者.csv", { type: "text/csv" });
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
  }

  beforeEach(async () => {
    importKinds.mockReset().mockResolvedValue(kinds);
    importDryRun.mockReset();
    importApply.mockReset();
    importProgress.mockReset().mockResolvedValue(null);
    screen = mount(ImportScreen, { target: document.body, props: {} });
    await settle();
  });

  afterEach(() => {
    if (screen) unmount(screen);
    document.body.innerHTML = "";
  });

  it("lists the kinds and the columns of the chosen one, required ones marked", () => {
    expect(byTestId("import-kind-employers")).not.toBeNull();
    const items = [...document.querySelectorAll(".columns li")].map((li) => li.textContent ?? "");
    expect(items[0]).toContain("氏名");
    expect(items[0]).toContain("必須");
    expect(items[1]).toContain("誕生日 も可");
  });

  it("offers a Japanese button that opens the hidden file input, and says no file is chosen yet", () => {
    const input = byTestId<HTMLInputElement>("import-file");
    const button = byTestId<HTMLButtonElement>("import-file-button");
    expect(button?.textContent).toBe("ファイルを選ぶ…");
    expect(byTestId("import-file-name")?.textContent).toBe("ファイルが選ばれていません");
    expect(input?.tabIndex).toBe(-1);
    const click = vi.spyOn(input as HTMLInputElement, "click").mockImplementation(() => {});
    button?.click();
    expect(click).toHaveBeenCalledTimes(1);
  });

  it("checks the chosen file and shows every problem with the import button off", async () => {
    importDryRun.mockResolvedValue({ status: "ok", data: bad });
    await chooseFile("氏名\r\n");
    expect(importDryRun).toHaveBeenCalledWith("clients", Array.from(new TextEncoder().encode("氏名\r\n")));
    const rows = [...document.querySelectorAll('[data-testid="import-problems"] tbody tr')];
    expect(rows.map((r) => r.textContent)).toEqual([
      "4行目生年月日生年月日: 存在しない日付です（2025年2月30日）",
      "ファイル全体—ファイルが空です。",
    ]);
    expect(byTestId<HTMLButtonElement>("import-start")?.disabled).toBe(true);
  });

  it("imports a clean file only after the confirm step, then shows the count", async () => {
    importDryRun.mockResolvedValue({ status: "ok", data: clean });
    importApply.mockResolvedValue({ status: "ok", data: report });
    await chooseFile("氏名,ふりがな\r\n");
    expect(byTestId("import-summary")?.textContent).toContain("相談者 2件");
    expect(byTestId("import-duplicates")?.textContent).toContain("3行目は2行目と同じ");
    const start = byTestId<HTMLButtonElement>("import-start");
    expect(start?.disabled).toBe(false);
    start?.click();
    flushSync();
    expect(importApply).not.toHaveBeenCalled();
    byTestId<HTMLButtonElement>("import-confirm")?.click();
    await settle();
    expect(importApply).toHaveBeenCalledWith("clients", expect.any(Array));
    expect(byTestId("import-done")?.textContent).toContain("相談者 2件を取り込みました。");
  });

  it("goes back from the confirm step without importing", async () => {
    importDryRun.mockResolvedValue({ status: "ok", data: clean });
    await chooseFile("x");
    byTestId<HTMLButtonElement>("import-start")?.click();
    flushSync();
    byTestId<HTMLButtonElement>("import-back")?.click();
    flushSync();
    expect(byTestId("import-start")).not.toBeNull();
    expect(importApply).not.toHaveBeenCalled();
  });

  it("shows the core's message when the import is refused and stays on the preview", async () => {
    importDryRun.mockResolvedValue({ status: "ok", data: clean });
    importApply.mockResolvedValue({
      status: "error",
      error: { code: "rule", message: "取り込めない箇所が1件あるため、何も取り込みませんでした。" },
    });
    await chooseFile("x");
    byTestId<HTMLButtonElement>("import-start")?.click();
    flushSync();
    byTestId<HTMLButtonElement>("import-confirm")?.click();
    await settle();
    expect(byTestId("import-error")?.textContent).toContain("何も取り込みませんでした");
    expect(byTestId("import-start")).not.toBeNull();
  });
});
