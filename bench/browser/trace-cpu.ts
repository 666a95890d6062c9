/**
 * The sidebar's main-thread CPU time in a Chrome trace of one cold open (cold-open.ts): the
 * thread time (`tdur`) of the top-level tasks of the sidebar's renderer main thread from the
 * request for sidebar.html to the probe's `bench:figure-painted` mark. Unlike the wall time it
 * hardly moves with the machine's load (a task waiting for a CPU adds wall time, not thread
 * time), so an A/B on a busy machine can compare it.
 */

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: unknown } };
}

/** Categories enough for `sidebarCpuMs` (the top-level tasks, resource requests, user marks). */
export const CPU_TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'blink.user_timing',
  'disabled-by-default-devtools.timeline',
].join(',');

export interface SidebarCpu {
  /** Thread time of the sidebar page's main thread, iframe request → figure painted (ms). */
  cpuMs: number;
  /** Wall time of the same span (ms). */
  wallMs: number;
}

export function sidebarCpu(events: readonly unknown[]): SidebarCpu | null {
  const all = events as TraceEvent[];
  const renderer = all.find(
    (e) => e.ph === 'M' && e.name === 'process_name' && e.args?.name === 'Extension Renderer',
  )?.pid;
  if (renderer === undefined) return null;
  const mine = all.filter((e) => e.pid === renderer && e.ts !== undefined);
  const start = mine.find(
    (e) =>
      e.name === 'ResourceSendRequest' &&
      typeof e.args?.data?.url === 'string' &&
      e.args.data.url.endsWith('/sidebar.html'),
  )?.ts;
  const painted = mine.find((e) => e.name === 'bench:figure-painted')?.ts;
  if (start === undefined || painted === undefined) return null;
  let cpu = 0;
  for (const e of mine) {
    if (e.tid !== renderer || e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    if (e.ts! < start || e.ts! > painted) continue;
    cpu += e.tdur ?? 0;
  }
  return { cpuMs: cpu / 1000, wallMs: (painted - start) / 1000 };
}
