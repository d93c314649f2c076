// The app benchmark (scripts/bench-app.sh): one long measuring run in the real window.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/app.measure.ts"],
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
