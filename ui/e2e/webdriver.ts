// A small W3C WebDriver client for the end-to-end tests: just the calls the
// tests make (session, find, type, click, read), over Node's fetch.
// tauri-driver forwards them to WebKitWebDriver, which drives the app's window.
// Screenshots come from the X display instead (ImageMagick's `import`): they show
// the pixels a person sees, and WebKitWebDriver's own screenshot can wait for a
// rendering update that a still page with shared-memory frames (the app's
// default on Linux, `choose_frame_transport` in src-tauri/src/lib.rs) does not
// make until the next real event on the window.

import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const ELEMENT_KEY = "element-6066-11e4-a52f-4f5c39b6d5d4";

/** The element id of a reply: the W3C key, or the legacy one some drivers still send. */
function elementId(value: Record<string, string>): string {
  const id = value[ELEMENT_KEY] ?? value["ELEMENT"] ?? Object.values(value)[0];
  if (typeof id !== "string") throw new WebDriverError("invalid reply", JSON.stringify(value));
  return id;
}

interface WireReply {
  value: unknown;
}

/** An error reported by the driver, with its W3C error code. */
export class WebDriverError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const reply = (await response.json()) as WireReply;
  const value = reply.value as { error?: string; message?: string } | null;
  if (!response.ok || (value && typeof value === "object" && typeof value.error === "string")) {
    throw new WebDriverError(value?.error ?? String(response.status), value?.message ?? "");
  }
  return reply.value;
}

const run = promisify(execFile);

/** A rectangle of the X screen, in pixels. */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

// In the page: after the next two frames (what the tests waited for is painted),
// where the page is on the X screen. Without a window manager the window's outer
// and inner origins coincide.
const WINDOW_AFTER_PAINT = `
  const done = arguments[arguments.length - 1];
  requestAnimationFrame(() => requestAnimationFrame(() => done({
    x: window.screenX, y: window.screenY, width: window.innerWidth, height: window.innerHeight,
  })));
`;

/** An element of the page. */
export class Element {
  constructor(
    private readonly session: Session,
    readonly id: string,
  ) {}

  private path(suffix: string): string {
    return `/element/${this.id}${suffix}`;
  }

  async click(): Promise<void> {
    await this.session.command("POST", this.path("/click"), {});
  }

  /** Types `text` (kana and kanji go in as they are; an IME is not involved). */
  async type(text: string): Promise<void> {
    await this.session.command("POST", this.path("/value"), { text });
  }

  async clear(): Promise<void> {
    await this.session.command("POST", this.path("/clear"), {});
  }

  async text(): Promise<string> {
    return String(await this.session.command("GET", this.path("/text")));
  }

  async value(): Promise<string> {
    return String(await this.session.command("GET", this.path("/property/value")));
  }

  async attribute(name: string): Promise<string | null> {
    const value = await this.session.command("GET", this.path(`/attribute/${name}`));
    return value === null ? null : String(value);
  }
}

/** One WebDriver session: one app process with its window. */
export class Session {
  private constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  /** Starts the app at `application` with `args` and opens a session on its window. */
  static async start(driverUrl: string, application: string, args: string[]): Promise<Session> {
    const value = (await call(driverUrl, "POST", "/session", {
      capabilities: {
        alwaysMatch: { browserName: "wry", "tauri:options": { application, args } },
      },
    })) as { sessionId: string };
    return new Session(driverUrl, value.sessionId);
  }

  async command(method: string, path: string, body?: unknown): Promise<unknown> {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** The first element matching the CSS selector, waiting up to `timeoutMs` for it. */
  async find(selector: string, timeoutMs = 10_000): Promise<Element> {
    const found = await this.waitFor(async () => {
      try {
        const value = (await this.command("POST", "/element", {
          using: "css selector",
          value: selector,
        })) as Record<string, string>;
        return new Element(this, elementId(value));
      } catch (e) {
        if (e instanceof WebDriverError && e.code === "no such element") return null;
        throw e;
      }
    }, timeoutMs, `element ${selector}`);
    return found;
  }

  /** Every element matching the CSS selector now (maybe none). */
  async findAll(selector: string): Promise<Element[]> {
    const values = (await this.command("POST", "/elements", {
      using: "css selector",
      value: selector,
    })) as Record<string, string>[];
    return values.map((v) => new Element(this, elementId(v)));
  }

  /** Runs `script` in the page and returns its result. */
  async execute<T>(script: string, args: unknown[] = []): Promise<T> {
    return (await this.command("POST", "/execute/sync", { script, args })) as T;
  }

  /** Runs `script`, which calls its last argument with the result when done. */
  async executeAsync<T>(script: string, args: unknown[] = []): Promise<T> {
    return (await this.command("POST", "/execute/async", { script, args })) as T;
  }

  /** The page's visible text. */
  async pageText(): Promise<string> {
    return this.execute<string>("return document.body.innerText;");
  }

  /** Waits until `probe` returns something other than null/false. */
  async waitFor<T>(probe: () => Promise<T | null | false>, timeoutMs: number, what: string): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const result = await probe();
      if (result !== null && result !== false) return result;
      if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until the page's text contains `text`. */
  async waitForText(text: string, timeoutMs = 10_000): Promise<void> {
    await this.waitFor(async () => (await this.pageText()).includes(text), timeoutMs, `text ${text}`);
  }

  /** Saves a PNG of what the screen shows of the page as `<dir>/<name>.png`. */
  async screenshot(dir: string, name: string): Promise<void> {
    const window = await this.executeAsync<ScreenRect>(WINDOW_AFTER_PAINT);
    await new Promise((resolve) => setTimeout(resolve, 100));
    mkdirSync(dir, { recursive: true });
    const crop = `${window.width}x${window.height}+${window.x}+${window.y}`;
    await run("import", ["-window", "root", "-crop", crop, "+repage", join(dir, `${name}.png`)]);
  }

  /** Closes the window and ends the app. */
  async end(): Promise<void> {
    await call(this.base, "DELETE", `/session/${this.id}`);
  }
}
