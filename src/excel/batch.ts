/**
 * Batches of queued Office.js calls, one context.sync() per batch. Excel on the web refuses a request or
 * response over 5 MB, so work is packed into batches under a byte budget (an estimate), and a batch that is
 * refused anyway is split and retried. The number of syncs grows with the volume of data, never with the
 * number of sheets or cells as such.
 */

/** Budget per sync, below Excel on the web's 5 MB limit to leave room for the estimate's error. */
export const DEFAULT_BUDGET = 4_000_000;

/** A unit of work: queue its Office calls; the returned function collects the results after the sync. */
export interface Job {
  bytes: number;
  queue(): () => void;
  /** Smaller jobs doing the same work, for a retry after a refused batch; null when it cannot be split. */
  split?(): Job[] | null;
}

export interface Syncable {
  sync(): Promise<unknown>;
}

export function isPayloadTooLarge(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return (
    !!e && (/PayloadSizeLimitExceeded/i.test(e.code ?? "") || /payload size/i.test(e.message ?? ""))
  );
}

/** Packs jobs in order into batches whose estimated size stays within the budget. */
export function packJobs(jobs: Job[], budget: number): Job[][] {
  const batches: Job[][] = [];
  let cur: Job[] = [];
  let size = 0;
  for (const job of jobs) {
    if (cur.length > 0 && size + job.bytes > budget) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(job);
    size += job.bytes;
  }
  if (cur.length > 0) batches.push(cur);
  return batches;
}

/**
 * Runs the jobs in as few syncs as the budget allows; `beforeSync` runs before each sync (e.g. to suspend
 * screen updating, which lasts until the next sync). Returns the number of syncs made.
 */
export async function runJobs(
  context: Syncable,
  jobs: Job[],
  budget: number,
  beforeSync: () => void = () => {},
  depth = 0
): Promise<number> {
  let syncs = 0;
  for (const batch of packJobs(jobs, budget)) {
    const collectors = batch.map((job) => job.queue());
    beforeSync();
    try {
      syncs++;
      // One sync per batch: more than one only when the data exceed what one request may carry.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (err) {
      // Retry refused work in smaller pieces; a lone job that cannot be split cannot be helped.
      const parts = batch.flatMap((job) => job.split?.() ?? [job]);
      if (!isPayloadTooLarge(err) || depth >= 6 || parts.length === 1) throw err;
      syncs += await runJobs(context, parts, budget / 2, beforeSync, depth + 1);
      continue;
    }
    for (const collect of collectors) collect();
  }
  return syncs;
}
