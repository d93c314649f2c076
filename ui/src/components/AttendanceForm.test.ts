import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";

import type { AttendanceChoicesView, MeetingView } from "../bindings";

const setMeetingAttendance = vi.hoisted(() => vi.fn());
const attendeeClientSearch = vi.hoisted(() => vi.fn());
vi.mock("../bindings", () => ({ commands: { setMeetingAttendance, attendeeClientSearch } }));

import AttendanceForm from "./AttendanceForm.svelte";

const meeting: MeetingView = {
  row: {
    id: "m1",
    kind: "liaison",
    kindLabel: "ほっと就労支援連絡会",
    heldOn: { iso: "2025-07-17", wareki: "令和7年7月17日", warekiShort: "R7.7.17", weekday: "木" },
    title: "第2回 ほっと就労支援連絡会",
    place: "市民会館",
    organizationCount: 1,
    organizationAttendees: 2,
    clientCount: 0,
    staffCount: 0,
  },
  programme: "",
  notes: "",
  organizations: [{ partnerId: "p1", name: "ハローワーク見本", attendees: 2 }],
  clients: [],
  staff: [],
};

const choices: AttendanceChoicesView = {
  organizations: [
    { partnerId: "p1", name: "ハローワーク見本", liaisonMember: true },
    { partnerId: "p2", name: "見本特別支援学校", liaisonMember: true },
  ],
  staff: [
    { id: "s1", name: "試験 花子" },
    { id: "s2", name: "架空 次郎" },
  ],
};

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

describe("AttendanceForm", () => {
  let form: ReturnType<typeof mount> | undefined;
  let onsaved: Mock<() => void>;

  beforeEach(() => {
    setMeetingAttendance.mockReset();
    attendeeClientSearch.mockReset();
    onsaved = vi.fn<() => void>();
    form = mount(AttendanceForm, {
      target: document.body,
      props: { meeting, choices, onsaved, oncancel: () => {} },
    });
    flushSync();
  });

  afterEach(() => {
    if (form) unmount(form);
    document.body.innerHTML = "";
  });

  const byTestId = <T extends HTMLElement>(id: string) =>
    document.querySelector<T>(`[data-testid="${id}"]`)!;
  const check = (id: string) => {
    const box = byTestId<HTMLInputElement>(id);
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
  };
  const type = (input: HTMLInputElement, text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
  };

  it("starts from the recorded attendance and saves organizations, staff and a found client", async () => {
    setMeetingAttendance.mockResolvedValue({ status: "ok", data: null });
    attendeeClientSearch.mockResolvedValue({ status: "ok", data: [{ id: "c1", name: "見本 太郎" }] });
    expect(byTestId<HTMLInputElement>("org-p1").checked).toBe(true);
    expect(document.querySelector<HTMLInputElement>("#org-count-p1")?.value).toBe("2");

    check("org-p2");
    type(document.querySelector<HTMLInputElement>("#org-count-p2")!, "３");
    check("staff-s2");
    type(document.querySelector<HTMLInputElement>("#attendee-search")!, "みほん");
    byTestId<HTMLButtonElement>("attendee-search-button").click();
    await settle();
    expect(attendeeClientSearch).toHaveBeenCalledWith("みほん");
    byTestId<HTMLButtonElement>("attendee-add").click();
    flushSync();
    expect(byTestId("attendance-clients").textContent).toContain("見本 太郎");

    byTestId<HTMLButtonElement>("attendance-save").click();
    await settle();
    expect(setMeetingAttendance).toHaveBeenCalledWith("m1", {
      organizations: [
        { partnerId: "p1", name: "ハローワーク見本", attendees: 2 },
        { partnerId: "p2", name: "見本特別支援学校", attendees: 3 },
      ],
      clients: ["c1"],
      staff: ["s2"],
    });
    expect(onsaved).toHaveBeenCalled();
  });

  it("asks for a head count instead of saving an organization with none", async () => {
    type(document.querySelector<HTMLInputElement>("#org-count-p1")!, "");
    byTestId<HTMLButtonElement>("attendance-save").click();
    await settle();
    expect(setMeetingAttendance).not.toHaveBeenCalled();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain(
      "ハローワーク見本の参加人数を1以上の数字で入力してください。",
    );
  });

  it("searches on Enter in the search field without saving, and not on an IME's Enter", async () => {
    attendeeClientSearch.mockResolvedValue({ status: "ok", data: [] });
    const search = document.querySelector<HTMLInputElement>("#attendee-search")!;
    type(search, "みほん");
    search.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    search.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, isComposing: true }),
    );
    search.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true }));
    await settle();
    expect(attendeeClientSearch).not.toHaveBeenCalled();

    search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(attendeeClientSearch).toHaveBeenCalledWith("みほん");
    expect(setMeetingAttendance).not.toHaveBeenCalled();
  });

  it("shows the core's message when the attendance is refused", async () => {
    setMeetingAttendance.mockResolvedValue({
      status: "error",
      error: { code: "not_found", message: "会議が見つかりません。" },
    });
    byTestId<HTMLButtonElement>("attendance-save").click();
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain("会議が見つかりません。");
    expect(onsaved).not.toHaveBeenCalled();
  });
});
