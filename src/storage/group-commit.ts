// Group commit: writes made in the same turn of the event loop, or while a transaction is committing,
// are written together in one transaction. On SQLite with `synchronous = FULL` each commit waits for the
// disk (fsync), and better-sqlite3 waits synchronously, so requests pile up meanwhile: one commit for
// all of them instead of one each. A lone write waits only for the end of the current turn (setImmediate).
// A batch that fails is written again row by row, so that one bad row fails alone.
export class GroupCommit<Row> {
  private readonly queue: { row: Row; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private running = false;

  /** `write` stores rows in one transaction. */
  constructor(private readonly write: (rows: Row[]) => Promise<void>, private readonly maxBatch = 256) {}

  /** Resolves once `row` is committed. */
  add(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.running) return;
      this.running = true;
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((b) => b.row));
          for (const b of batch) b.resolve();
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const b of batch) await this.write([b.row]).then(b.resolve, b.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
