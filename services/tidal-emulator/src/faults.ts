import { z } from 'zod';

/**
 * Faults injected on purpose, on top of the random `errorRate`: the next `count` requests matching
 * `method`/`path` (an endpoint template such as `/tracks`; any API request when absent) are answered with
 * `status` (429 carries `Retry-After: retryAfterSeconds`), or are held for `delayMs` first (a slow server,
 * for timeout tests) and then served normally when `status` is absent.
 */
export const FaultSchema = z
  .object({
    status: z.number().int().min(400).max(599).optional(),
    count: z.number().int().positive().default(1),
    method: z
      .string()
      .transform((method) => method.toUpperCase())
      .optional(),
    path: z.string().optional(),
    retryAfterSeconds: z.number().int().nonnegative().default(1),
    delayMs: z.number().int().nonnegative().default(0),
  })
  .refine((fault) => fault.status !== undefined || fault.delayMs > 0, {
    message: 'a fault needs a status, a delayMs, or both',
  });
export type FaultInput = z.input<typeof FaultSchema>;
export type Fault = z.output<typeof FaultSchema>;

export class FaultInjector {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first pending fault matching this request, used up by one; `apiRequest` marks the TIDAL API. */
  take(method: string, path: string, apiRequest: boolean): Fault | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method === method) &&
        (fault.path === undefined ? apiRequest : fault.path === path),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
