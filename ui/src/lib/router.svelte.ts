// Which screen the signed-in frame shows. One small state object instead of URL
// routing: the window has no address bar, and a screen's parameters (a client's
// id) stay typed. "Back" returns to the previous screen, as staff expect.

/** A screen and what it shows. */
export type Route =
  | { screen: "home" }
  | { screen: "clients" }
  | { screen: "client"; clientId: string }
  | { screen: "followUps" }
  | { screen: "employers" }
  | { screen: "partners" }
  | { screen: "meetings" }
  | { screen: "office" }
  | { screen: "staff" }
  | { screen: "plan" }
  | { screen: "reports" }
  | { screen: "import" }
  | { screen: "audit" }
  | { screen: "users" }
  | { screen: "settings" };

export type ScreenId = Route["screen"];

const HOME: Route = { screen: "home" };

class Router {
  current = $state<Route>(HOME);
  #history: Route[] = [];

  /** Shows `route`, remembering the screen left for `back()`. */
  go(route: Route): void {
    this.#history.push(this.current);
    if (this.#history.length > 50) this.#history.shift();
    this.current = route;
  }

  /** Returns to the previous screen (home when there is none). */
  back(): void {
    this.current = this.#history.pop() ?? HOME;
  }

  /** Home, forgetting the way there (after sign-in). */
  reset(): void {
    this.#history = [];
    this.current = HOME;
  }
}

/** The one router of the window. */
export const router = new Router();
