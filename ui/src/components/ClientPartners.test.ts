import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { CaseworkChoices, ClientPartnerView } from "../bindings";

const linkPartner = vi.hoisted(() => vi.fn());
const unlinkPartner = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { linkPartner, unlinkPartner } }));

import ClientPartners from "./ClientPartners.svelte";

const choices = {
  partners: [
    { value: "p1", label: "ハローワーク立川" },
    { value: "p2", label: "小平市障害者支援課" },
  ],
} as CaseworkChoices;
const partners: ClientPartnerView[] = [
  { partnerId: "p1", name: "ハローワーク立川", categoryLabel: "行政機関", contactPerson: "専門援助部門 田中" },
];

describe("ClientPartners", () => {
  let panel: ReturnType<typeof mount> | undefined;
  const onchanged = vi.fn();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };
  const q = <T extends HTMLElement>(id: string) => document.querySelector(`[data-testid="${id}"]`) as T | null;

  beforeEach(() => {
    linkPartner.mockReset().mockResolvedValue({ status: "ok", data: null });
    unlinkPartner.mockReset().mockResolvedValue({ status: "ok", data: null });
    onchanged.mockReset();
    panel = mount(ClientPartners, { target: document.body, props: { clientId: "c1", partners, choices, onchanged } });
    flushSync();
  });

  afterEach(() => {
    if (panel) unmount(panel);
    panel = undefined;
    document.body.innerHTML = "";
  });

  it("links a partner with its contact person on Enter", async () => {
    q<HTMLButtonElement>("partner-link-open")!.click();
    flushSync();
    const partner = q<HTMLSelectElement>("partner-link-partner")!;
    for (const o of Array.from(partner.options)) o.selected = o.value === "p2";
    partner.dispatchEvent(new Event("change", { bubbles: true }));
    const contact = document.getElementById("partner-link-contact") as HTMLInputElement;
    contact.value = "相談係 鈴木";
    contact.dispatchEvent(new Event("input", { bubbles: true }));
    contact.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(linkPartner).toHaveBeenCalledWith("c1", { partnerId: "p2", contactPerson: "相談係 鈴木" });
    expect(document.body.textContent).toContain("関係機関を登録しました。");
    expect(onchanged).toHaveBeenCalledTimes(1);
  });

  it("ends a partner's involvement only after the confirm step", async () => {
    q<HTMLButtonElement>("partner-end")!.click();
    flushSync();
    expect(unlinkPartner).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain("ハローワーク立川の関与を終了し");
    q<HTMLButtonElement>("partner-end-confirm")!.click();
    await settle();
    expect(unlinkPartner).toHaveBeenCalledWith("c1", "p1");
  });
});
