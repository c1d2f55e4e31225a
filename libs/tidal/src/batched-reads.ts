/**
 * Bulk reads started as soon as a full batch of ids has arrived, while the caller goes on producing ids
 * (reading further pages), so that the two overlap instead of running one after the other; `done()` reads
 * what is left and gives every result. An id is read once however often it is added. A failed read is
 * kept and thrown by the next `add` or by `done`, so the caller stops early instead of reading on.
 */
export class BatchedReads<T> {
  private readonly seen = new Set<string>();
  private buffer: string[] = [];
  private readonly reads: Promise<T[]>[] = [];
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly batchSize: number,
    /** Runs a read when a slot is free (a p-limit limiter shared by the caller's reads). */
    private readonly run: <R>(task: () => Promise<R>) => Promise<R>,
    private readonly read: (batch: string[]) => Promise<T[]>,
  ) {}

  add(ids: Iterable<string>): void {
    if (this.failure) throw this.failure.error;
    for (const id of ids) {
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.buffer.push(id);
    }
    while (this.buffer.length >= this.batchSize) this.start(this.buffer.splice(0, this.batchSize));
  }

  async done(): Promise<T[]> {
    if (this.buffer.length > 0) this.start(this.buffer.splice(0));
    const results = await Promise.all(this.reads);
    return results.flat();
  }

  private start(batch: string[]): void {
    const read = this.run(() => this.read(batch));
    // Kept as well as awaited in done(): a failure before then must not go unhandled.
    read.catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.reads.push(read);
  }
}
