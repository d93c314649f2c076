// What every end-to-end test needs: the app started on its own copy of the demo
// center (so tests never see each other's changes), sign-in, and screenshots
// into the uncommitted folder named by scripts/e2e.sh.

import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Session } from "./webdriver";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through scripts/e2e.sh`);
  return value;
}

/** The demo center's published password. */
export const DEMO_PASSWORD = "hotto-demo";

/** The app running on a fresh copy of the demo center. */
export interface RunningApp {
  session: Session;
  dataDir: string;
  /** Saves a screenshot named `<test>-<step>.png`. */
  shot(step: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the app on a copy of the demo center; `test` names its screenshots. */
export async function openApp(test: string): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "hotto-e2e-"));
  cpSync(required("HOTTO_E2E_DEMO"), dataDir, { recursive: true });
  const session = await Session.start(required("HOTTO_E2E_DRIVER"), required("HOTTO_E2E_APP"), [
    "--data-dir",
    dataDir,
  ]);
  const shots = required("HOTTO_E2E_SHOTS");
  return {
    session,
    dataDir,
    shot: (step) => session.screenshot(shots, `${test}-${step}`),
    close: async () => {
      try {
        await session.end();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Signs in on the sign-in screen and waits for the home screen. */
export async function signIn(session: Session, login: string, password = DEMO_PASSWORD): Promise<void> {
  const loginField = await session.find("#login");
  await loginField.clear();
  await loginField.type(login);
  await (await session.find("#password")).type(password);
  await (await session.find('form button[type="submit"]')).click();
  await session.find("#home-heading", 30_000);
}

/** Opens a screen from the side navigation. */
export async function openScreen(session: Session, screen: string): Promise<void> {
  await (await session.find(`nav button[data-screen="${screen}"]`)).click();
}
