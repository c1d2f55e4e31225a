import { PublishJobSchema } from '@tidal-remedy/contracts';
import { JOBS, jobIds, RemedyQueues } from '@tidal-remedy/queue';
import type { Job } from 'bullmq';
import type { BenchSystem } from './system.js';

export interface RemedyJobs {
  fetch: Job;
  matches: Job[];
  publish: Job;
}

/** The finished jobs of a remedy's first run (completed jobs are kept: see JOBS options). */
export async function remedyJobs(system: BenchSystem, remedyId: string): Promise<RemedyJobs> {
  const remedyQueues = new RemedyQueues({ connection: system.redis, prefix: system.prefix });
  const queues = remedyQueues.byStep;
  try {
    const fetch = await queues.fetch.getJob(jobIds.fetch(remedyId));
    const publish = await queues.publish.getJob(jobIds.publish(remedyId));
    if (!fetch || !publish) throw new Error(`the jobs of remedy ${remedyId} are gone from Redis`);
    const childKeys = Object.keys(await publish.getChildrenValues());
    const matches = await Promise.all(
      childKeys.map((key) => queues.match.getJob(key.slice(key.lastIndexOf(':') + 1))),
    );
    return { fetch, publish, matches: matches.filter((job): job is Job => job !== undefined) };
  } finally {
    await remedyQueues.close();
  }
}

/**
 * A remedy's TIDAL calls by step and endpoint, from what its jobs recorded: the fetch job's (reading and
 * the ISRC lookups), every match job's, and the publish job's (the report's total less the others).
 */
export async function stepCalls(
  system: BenchSystem,
  remedyId: string,
): Promise<Record<'fetch' | 'match' | 'publish', Record<string, number>>> {
  const jobs = await remedyJobs(system, remedyId);
  const publishData = PublishJobSchema.parse(jobs.publish.data);
  const fetch = publishData.fetch.tidalCalls;
  const match: Record<string, number> = {};
  for (const job of jobs.matches) {
    const result = JOBS.match.result.parse(job.returnvalue);
    for (const [endpoint, n] of Object.entries(result.tidalCalls))
      match[endpoint] = (match[endpoint] ?? 0) + n;
  }
  const record = await system.wait(remedyId);
  const report = await system.report(record);
  const publish: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(report.tidalCalls.byEndpoint)) {
    const rest = n - (fetch[endpoint] ?? 0) - (match[endpoint] ?? 0);
    if (rest > 0) publish[endpoint] = rest;
  }
  return { fetch, match, publish };
}
