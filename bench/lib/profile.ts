/** Reads a V8 .cpuprofile (from `node --cpu-prof`) and sums self time per function and per
 *  package, so a report can say where the server's time goes. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  total_ms: number;
  /** Share of sampled time outside idle: what the process was busy with. */
  busy_pct: number;
  top_functions: Array<{ fn: string; where: string; self_ms: number; pct_of_busy: number }>;
  by_package: Array<{ pkg: string; self_ms: number; pct_of_busy: number }>;
  /** Native and Node-internal time charged to the nearest package code that called it (so a
   *  socket write shows under pg or ws, whichever wrote). */
  by_calling_package: Array<{ pkg: string; self_ms: number; pct_of_busy: number }>;
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const dist = url.indexOf("/dist/");
  if (dist >= 0)
    return url
      .slice(dist + 1)
      .split("/")
      .slice(0, 3)
      .join("/");
  const bench = url.indexOf("/bench/");
  if (bench >= 0) return url.slice(bench + 1);
  return url;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) return url.slice(modules + "node_modules/".length);
  const dist = url.indexOf("/dist/");
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, "");
}

export async function summarizeProfile(file: string, top = 25): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  /** The package of the nearest frame, from this node up, that is not Node's own or native. */
  const callingPackage = (id: number): string => {
    const start = byId.get(id);
    for (
      let current: number | undefined = id;
      current !== undefined;
      current = parent.get(current)
    ) {
      const frame = byId.get(current)?.callFrame;
      if (frame?.url && !frame.url.startsWith("node:"))
        return packageOf(frame.url, frame.functionName);
    }
    return start ? packageOf(start.callFrame.url, start.callFrame.functionName) : "(unknown)";
  };
  const functions = new Map<string, { fn: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  const callers = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") {
      idleUs += us;
      continue;
    }
    const fn = functionName || "(anonymous)";
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const key = `${fn}@${where}`;
    const entry = functions.get(key) ?? { fn, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const caller = callingPackage(id);
    callers.set(caller, (callers.get(caller) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => Math.round((1000 * us) / busyUs) / 10;
  const ms = (us: number) => Math.round(us / 1000);
  return {
    file,
    total_ms: ms(totalUs),
    busy_pct: Math.round((1000 * busyUs) / totalUs) / 10,
    top_functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((entry) => ({
        fn: entry.fn,
        where: entry.where,
        self_ms: ms(entry.us),
        pct_of_busy: pct(entry.us),
      })),
    by_package: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([pkg, us]) => ({ pkg, self_ms: ms(us), pct_of_busy: pct(us) })),
    by_calling_package: [...callers.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([pkg, us]) => ({ pkg, self_ms: ms(us), pct_of_busy: pct(us) })),
  };
}

/** The profiles a folder holds (one per process that exited with --cpu-prof). */
export async function profilesIn(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => []);
  return names
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(folder, name));
}
