// Memory of a window: the resident set of a process and all its descendants
// (Tauri's main process plus WebKit's web and network processes), read from
// /proc. Linux only: the app benchmark runs on the Debian build machine.

import { readdirSync, readFileSync, realpathSync } from "node:fs";

interface Proc {
  pid: number;
  ppid: number;
  rssKb: number;
  exe: string | null;
}

function readProc(pid: number): Proc | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? "0");
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? "0");
    let exe: string | null = null;
    try {
      exe = realpathSync(`/proc/${pid}/exe`);
    } catch {
      exe = null;
    }
    return { pid, ppid, rssKb, exe };
  } catch {
    return null;
  }
}

function allProcs(): Proc[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is Proc => p !== null);
}

/** The pids running the executable at `path`. */
export function pidsOf(path: string): number[] {
  const wanted = realpathSync(path);
  return allProcs()
    .filter((p) => p.exe === wanted)
    .map((p) => p.pid);
}

/** Total resident memory in MB of `pid` and every process below it. */
export function treeRssMb(pid: number): number {
  const procs = allProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const root = procs.find((p) => p.pid === pid);
  if (!root) return 0;
  let totalKb = 0;
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop()!;
    totalKb += p.rssKb;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return totalKb / 1024;
}
