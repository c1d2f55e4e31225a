import type { StepCache } from '@tidal-remedy/cache';
import {
  RemedyIdSchema,
  type RemedyRecord,
  type RemedyReport,
  RemedyReportSchema,
} from '@tidal-remedy/contracts';
import type { RemedyStore } from '@tidal-remedy/remedies';
import { remedyNotFound } from './http-error.js';

/** A remedy's record, or a 404 for an id that is malformed or unknown (both: no such remedy). */
export async function findRemedy(store: RemedyStore, id: string): Promise<RemedyRecord> {
  const record = RemedyIdSchema.safeParse(id).success ? await store.get(id) : null;
  if (record === null) throw remedyNotFound(id);
  return record;
}

/**
 * The report of a finished remedy, or the proposed report of one awaiting review, read from the cache it
 * was written to; null otherwise, and null when the entry has expired or does not read as a report (the
 * cache logs that).
 */
export async function findReport(cache: StepCache, record: RemedyRecord): Promise<RemedyReport | null> {
  if ((record.state !== 'done' && record.state !== 'awaiting-review') || record.reportRef === null)
    return null;
  return (await cache.get(record.reportRef, RemedyReportSchema)) ?? null;
}
