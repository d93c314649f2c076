// Memory of a window: the resident set of a process and all its descendants
// (Tauri's main process plus WebKit's web and network processes), read from
// /proc. Linux only: the app benchmark runs on the Debian build machine.

import { readdirSync, readFileSync, realpathSync } from "node:fs";

interface Proc {
  pid: number;
  ppid: number;
  rssKb: number;
  /** Private memory (heap, JIT, decoded images and fonts). */
  anonKb: number;
  /** Mapped files (the executable, libraries, fonts mapped from disk). */
  fileKb: number;
  exe: string | null;
}

/** One process of a window's tree and its resident memory in MB. */
export interface ProcMemory {
  name: string;
  rssMb: number;
  anonMb: number;
  fileMb: number;
}

function readProc(pid: number): Proc | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? "0");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? "0");
    const rssKb = kb("VmRSS");
    const anonKb = kb("RssAnon");
    const fileKb = kb("RssFile") + kb("RssShmem");
    let exe: string | null = null;
    try {
      exe = realpathSync(`/proc/${pid}/exe`);
    } catch {
      exe = null;
    }
    return { pid, ppid, rssKb, anonKb, fileKb, exe };
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
  return tree(pid).reduce((sum, p) => sum + p.rssKb, 0) / 1024;
}

/** Each process of the tree under `pid` with its memory, the root first. */
export function treeMemory(pid: number): ProcMemory[] {
  return tree(pid).map((p) => ({
    name: p.exe?.split("/").pop() ?? String(p.pid),
    rssMb: p.rssKb / 1024,
    anonMb: p.anonKb / 1024,
    fileMb: p.fileKb / 1024,
  }));
}

function tree(pid: number): Proc[] {
  const procs = allProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const root = procs.find((p) => p.pid === pid);
  if (!root) return [];
  const found: Proc[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop()!;
    found.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return found;
}
