// The side navigation: each screen's label, who may open it, and its keyboard
// shortcut (Alt + key). The core checks permissions again; hiding a director's
// screen from staff only keeps the menu honest.

import type { ScreenId } from "./router.svelte";

/** One entry of the side navigation. */
export interface NavItem {
  screen: ScreenId;
  label: string;
  /** Only the director sees it (the core refuses staff anyway). */
  directorOnly: boolean;
  /** With Alt, opens the screen. */
  key: string;
}

/** The navigation, in the order of a coordinator's day. */
export const NAV_ITEMS: readonly NavItem[] = [
  { screen: "home", label: "ホーム", directorOnly: false, key: "1" },
  { screen: "clients", label: "利用者", directorOnly: false, key: "2" },
  { screen: "followUps", label: "定着フォロー", directorOnly: false, key: "3" },
  { screen: "employers", label: "企業・開拓", directorOnly: false, key: "4" },
  { screen: "partners", label: "関係機関", directorOnly: false, key: "5" },
  { screen: "meetings", label: "会議・行事", directorOnly: false, key: "6" },
  { screen: "office", label: "交流・委託・通信", directorOnly: false, key: "7" },
  { screen: "reports", label: "帳票", directorOnly: false, key: "8" },
  { screen: "import", label: "取り込み", directorOnly: false, key: "9" },
  { screen: "staff", label: "職員・常勤換算", directorOnly: true, key: "s" },
  { screen: "plan", label: "事業計画", directorOnly: true, key: "p" },
  { screen: "audit", label: "操作記録", directorOnly: true, key: "a" },
  { screen: "users", label: "利用アカウント", directorOnly: true, key: "u" },
  { screen: "settings", label: "設定", directorOnly: false, key: "o" },
];

/** The entries a user with this role sees. */
export function navFor(isDirector: boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => isDirector || !item.directorOnly);
}

/** The screen an Alt shortcut opens, if any. */
export function screenForShortcut(e: KeyboardEvent, isDirector: boolean): ScreenId | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return null;
  const key = e.key.toLowerCase();
  return navFor(isDirector).find((item) => item.key === key)?.screen ?? null;
}
