// The web side is built into ui/dist and embedded in the app binary: everything
// it loads must come from there (no CDN, no remote fonts, no data: URLs).
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [svelte()],
  // Component tests mount Svelte's browser build, not its server build.
  resolve: process.env["VITEST"] ? { conditions: ["browser"] } : {},
  // The Tauri CLI (`npm run tauri dev`) expects a fixed port and an unobscured terminal.
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Inlined assets would become data: URLs, which the CSP does not allow.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: "es2022",
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
  },
});
