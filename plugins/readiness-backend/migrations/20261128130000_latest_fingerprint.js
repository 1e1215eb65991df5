// @ts-check

/**
 * A fingerprint of each stored result without its measurement time, so a sweep that measures a
 * service exactly as before updates only its `measured_at` instead of rewriting its payload
 * (thousands of unchanged rows per sweep would otherwise be rewritten every few minutes). Rows
 * stored before this column keep `null` and are read as they were written.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_latest', table => {
    table
      .string('fingerprint', 64)
      .nullable()
      .comment('sha256 of payload and summary as stored (both without measuredAt); null for older rows');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_latest', table => {
    table.dropColumn('fingerprint');
  });
};
