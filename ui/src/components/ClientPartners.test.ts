import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { CaseworkChoices, ClientPartnerView, DateView } from "../bindings";

const linkPartner = vi.hoisted(() => vi.fn());
const endPartnerLink = vi.hoisted(() => vi.fn());
const parseDate = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { linkPartner, endPartnerLink, parseDate } }));

import ClientPartners from "./ClientPartners.svelte";

const choices = {
  partners: [
    { value: "p1", label: "ハローワーク立川" },
    { value: "p2", label: "小平市障害者支援課" },
  ],
} as CaseworkChoices;
const day = (iso: string, wareki: string): DateView => ({ iso, wareki, warekiShort: wareki, weekday: "火" });
const today = day("2025-11-25", "令和7年11月25日");
const partners: ClientPartnerView[] = [
  { partnerId: "p1", name: "ハローワーク立川", categoryLabel: "行政機関", contactPerson: "専門援助部門 田中", sinceOn: day("2024-05-01", "令和6年5月1日"), endedOn: null },
];
const pastPartners: ClientPartnerView[] = [
  { partnerId: "p3", name: "市立特別支援学校", categoryLabel: "教育機関", contactPerson: "", sinceOn: null, endedOn: day("2024-03-31", "令和6年3月31日") },
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
    endPartnerLink.mockReset().mockResolvedValue({ status: "ok", data: null });
    parseDate.mockReset().mockResolvedValue({ status: "ok", data: today });
    onchanged.mockReset();
    panel = mount(ClientPartners, { target: document.body, props: { clientId: "c1", partners, pastPartners, choices, today: today.iso, onchanged } });
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
    expect(linkPartner).toHaveBeenCalledWith("c1", { partnerId: "p2", contactPerson: "相談係 鈴木", sinceOn: "2025-11-25" });
    expect(document.body.textContent).toContain("関係機関を登録しました。");
    expect(onchanged).toHaveBeenCalledTimes(1);
  });

  it("lists current partners with their start and past ones with their end", () => {
    expect(document.querySelector('[data-testid="partner-item"]')?.textContent).toContain("令和6年5月1日から");
    expect(document.querySelector('[data-testid="past-partner-item"]')?.textContent).toContain("令和6年3月31日まで");
  });

  it("ends a partner's involvement on a date only after the confirm step", async () => {
    q<HTMLButtonElement>("partner-end")!.click();
    await settle();
    q<HTMLButtonElement>("partner-end-confirm")!.click();
    await settle();
    expect(endPartnerLink).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain("ハローワーク立川の関与を、上の終了日で終了として記録します");
    q<HTMLButtonElement>("partner-end-confirm")!.click();
    await settle();
    expect(endPartnerLink).toHaveBeenCalledWith("c1", "p1", "2025-11-25");
    expect(document.body.textContent).toContain("ハローワーク立川の関与を終了しました。");
  });
});
