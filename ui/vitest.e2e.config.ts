// End-to-end tests: the real app window driven through tauri-driver. Run by
// scripts/e2e.sh, which builds the app, prepares the demo center and starts Xvfb
// and the driver; one window at a time.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
