// Fails when hand-written UI code uses `any`: values from the IPC boundary must
// keep the types generated in src/bindings.ts (which is generated, so skipped).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("../src", import.meta.url).pathname;
const anyType = /(:\s*any\b|\bas\s+any\b|<any>|\bany\[\]|Record<[^>]*,\s*any>)/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|svelte)$/.test(entry.name) && entry.name !== "bindings.ts") yield path;
  }
}

const found = [];
for (const path of files(root)) {
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (anyType.test(line)) found.push(`${relative(root, path)}:${i + 1}: ${line.trim()}`);
    });
}
if (found.length > 0) {
  console.error("`any` in UI code (use the generated types or `unknown`):\n" + found.join("\n"));
  process.exit(1);
}
console.log("no `any` outside the generated bindings");
