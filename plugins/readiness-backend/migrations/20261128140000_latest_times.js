// @ts-check

/**
 * What changes on every sweep (the measurement time, the history mark, the stale flag) and the
 * fingerprint that decides whether anything else changed, in a narrow table of their own.
 *
 * In `readiness_latest` these columns sit after the payload and summary (several kB each): SQLite
 * rewrites a whole row, overflow pages included, to update one column and walks those pages to
 * read a column behind them, so a steady sweep that only moved the times of 5,000 unchanged
 * results still read and rewrote ~35 MB there; PostgreSQL writes a new tuple version per update.
 * Here an update touches a few dozen bytes per row. `readiness_latest` keeps its columns of the
 * same name as they were at the last rewrite of the row; they are no longer read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_latest_times', table => {
    table.comment('Per entity: when the latest result was measured, its history mark, stale flag and fingerprint');
    table.string('entity_ref', 255).primary().comment('Lower-case entity ref (readiness_latest.entity_ref)');
    table.string('fingerprint', 64).nullable().comment('sha256 of the stored payload and summary; null for rows stored before fingerprints');
    table.timestamp('measured_at', { useTz: true }).notNullable();
    table.timestamp('history_at', { useTz: true }).nullable().comment('Time of the last history point');
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
  });
  await knex
    .insert(
      knex('readiness_latest').select('entity_ref', 'fingerprint', 'measured_at', 'history_at', 'stale', 'stale_reason'),
    )
    .into(knex.raw('?? (??, ??, ??, ??, ??, ??)', [
      'readiness_latest_times',
      'entity_ref',
      'fingerprint',
      'measured_at',
      'history_at',
      'stale',
      'stale_reason',
    ]));
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Put the times back where the previous schema reads them.
  const rows = await knex('readiness_latest_times').select();
  for (const row of rows) {
    await knex('readiness_latest')
      .where({ entity_ref: row.entity_ref })
      .update({
        fingerprint: row.fingerprint,
        measured_at: row.measured_at,
        history_at: row.history_at,
        stale: row.stale,
        stale_reason: row.stale_reason,
      });
  }
  await knex.schema.dropTable('readiness_latest_times');
};
