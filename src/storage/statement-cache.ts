// better-sqlite3 behind Kysely with its prepared statements kept: Kysely's SQLite driver prepares every
// query again (parsing and planning the SQL each time, about a tenth of a paste's cost). The same SQL
// text gets the same statement back; the least recently used go past `max` distinct texts (queries with
// `in (…)` lists of many lengths would otherwise fill memory). One connection runs one query at a time
// (Kysely's driver holds a mutex), so a statement is never used by two queries at once.
import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export class CachedStatements implements SqliteDatabase {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly connection: SqliteConnection, private readonly max = 500) {}

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Re-inserted last: the map's order is the order of use.
      this.statements.delete(sql);
    } else {
      statement = this.connection.prepare(sql);
      if (this.statements.size >= this.max) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, statement);
    return statement;
  }

  /** How many statements are kept (for tests). */
  get size(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.connection.close();
  }
}
