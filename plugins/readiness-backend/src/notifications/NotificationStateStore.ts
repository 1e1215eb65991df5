import type { Knex } from 'knex';
import type { SettledStatuses } from './transitions';

const TABLE = 'readiness_notification_state';
// SQLite allows 999 bound variables per statement; three columns a row.
const CHUNK = 300;

/**
 * The notifier's memory: per subject (lower-case entity ref, or `platform`), the last settled
 * status of each check. Kept in the plugin's database so a restart or another replica does not
 * notify a failure that was already notified. The table comes from the plugin's migrations.
 */
export class NotificationStateStore {
  constructor(private readonly db: Knex) {}

  /** The stored statuses of these subjects (all subjects when none are named). */
  async load(subjects?: string[]): Promise<Map<string, SettledStatuses>> {
    const rows: Array<{ subject: string; statuses: string }> = [];
    if (subjects) {
      for (let i = 0; i < subjects.length; i += CHUNK) {
        rows.push(
          ...(await this.db(TABLE)
            .whereIn('subject', subjects.slice(i, i + CHUNK))
            .select('subject', 'statuses')),
        );
      }
    } else {
      rows.push(...(await this.db(TABLE).select('subject', 'statuses')));
    }
    return new Map(
      rows.map(r => [r.subject, JSON.parse(r.statuses) as SettledStatuses]),
    );
  }

  /** Forgets these subjects (services gone from the catalog). */
  async remove(subjects: string[]): Promise<void> {
    for (let i = 0; i < subjects.length; i += CHUNK) {
      await this.db(TABLE).whereIn('subject', subjects.slice(i, i + CHUNK)).delete();
    }
  }

  /** Writes the subjects whose statuses changed. */
  async save(changed: Map<string, SettledStatuses>, now: Date): Promise<void> {
    const rows = [...changed].map(([subject, statuses]) => ({
      subject,
      statuses: JSON.stringify(statuses),
      updated_at: now,
    }));
    await this.db.transaction(async trx => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx(TABLE)
          .insert(rows.slice(i, i + CHUNK))
          .onConflict('subject')
          .merge(['statuses', 'updated_at']);
      }
    });
  }
}
