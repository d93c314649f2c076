import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SessionView, SyncStatusView } from "../bindings";

const syncStatus = vi.hoisted(() => vi.fn());
const syncConflicts = vi.hoisted(() => vi.fn());
const syncForgetDevice = vi.hoisted(() => vi.fn());
const syncProgress = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({
  commands: { syncStatus, syncConflicts, syncForgetDevice, syncProgress },
}));

import SyncScreen from "./SyncScreen.svelte";

const oldPc = "0193aaaa-0000-7000-8000-000000000001";
const status: SyncStatusView = {
  folder: "\\\\nas\\hotto",
  lastRunAt: "2025-11-25T01:00:00Z",
  pendingOutgoing: 0,
  conflictsToReview: 0,
  devices: [
    { deviceId: "0193ffff-0000-7000-8000-000000000000", thisPc: true, applied: 12, lastSyncAt: null, forgotten: false },
    { deviceId: oldPc, thisPc: false, applied: 7, lastSyncAt: "2025-10-01T01:00:00Z", forgotten: false },
  ],
};
const forgotten: SyncStatusView = {
  ...status,
  devices: status.devices.map((d) => (d.deviceId === oldPc ? { ...d, forgotten: true } : d)),
};

const session = (role: "director" | "staff"): SessionView =>
  ({ userId: "u", login: role, displayName: "試験", role, roleLabel: role }) as SessionView;

describe("SyncScreen", () => {
  let screen: ReturnType<typeof mount> | undefined;
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      flushSync();
    }
  };
  const byTestId = <T extends HTMLElement>(id: string) =>
    document.querySelector<T>(`[data-testid="${id}"]`);

  async function show(role: "director" | "staff") {
    screen = mount(SyncScreen, { target: document.body, props: { session: session(role) } });
    await settle();
  }

  beforeEach(() => {
    syncStatus.mockReset().mockResolvedValue({ status: "ok", data: status });
    syncConflicts.mockReset().mockResolvedValue({ status: "ok", data: [] });
    syncForgetDevice.mockReset().mockResolvedValue({ status: "ok", data: forgotten });
    syncProgress.mockReset().mockResolvedValue(null);
  });

  afterEach(() => {
    if (screen) unmount(screen);
    document.body.innerHTML = "";
  });

  it("forgets a replaced PC only after the director confirms, and shows it forgotten", async () => {
    await show("director");
    const buttons = document.querySelectorAll<HTMLButtonElement>('[data-testid="sync-forget"]');
    expect(buttons).toHaveLength(1);
    buttons[0]!.click();
    await settle();
    expect(byTestId("sync-forget-confirm")?.textContent).toContain("0193aaaa");
    expect(syncForgetDevice).not.toHaveBeenCalled();
    byTestId<HTMLButtonElement>("sync-forget-yes")?.click();
    await settle();
    expect(syncForgetDevice).toHaveBeenCalledWith(oldPc);
    expect(document.body.textContent).toContain("同期から外したPC");
    expect(document.querySelectorAll('[data-testid="sync-forget"]')).toHaveLength(0);
  });

  it("cancelling the confirmation forgets nothing", async () => {
    await show("director");
    byTestId<HTMLButtonElement>("sync-forget")?.click();
    await settle();
    const cancel = [...document.querySelectorAll<HTMLButtonElement>(".confirm button")].find(
      (b) => b.textContent === "やめる",
    );
    cancel?.click();
    await settle();
    expect(byTestId("sync-forget-confirm")).toBeNull();
    expect(syncForgetDevice).not.toHaveBeenCalled();
  });

  it("shows a refusal in Japanese", async () => {
    syncForgetDevice.mockResolvedValue({
      status: "error",
      error: { code: "rule", message: "同期フォルダに書き込めませんでした。" },
    });
    await show("director");
    byTestId<HTMLButtonElement>("sync-forget")?.click();
    await settle();
    byTestId<HTMLButtonElement>("sync-forget-yes")?.click();
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain("書き込めませんでした");
  });

  it("offers no forget button to staff", async () => {
    await show("staff");
    expect(document.querySelectorAll('[data-testid="sync-device"]')).toHaveLength(2);
    expect(byTestId("sync-forget")).toBeNull();
  });
});
