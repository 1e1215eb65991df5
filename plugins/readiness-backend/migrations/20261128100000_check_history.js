// @ts-check

/**
 * Per-check history for "what changed since": one row per service (or for the platform) per
 * store in which at least one check's status changed, holding only the checks that changed. A
 * sweep that changes nothing writes nothing, so 5,000 services swept every few minutes cost rows
 * only when something moves. Pruned with readiness_history (readiness.retention.days).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_check_changes', table => {
    table.comment('Check status changes per service and for the platform, pruned by readiness.retention.days');
    table.bigIncrements('id').primary();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment("Lower-case entity ref, or 'platform' for the platform checks");
    table.timestamp('measured_at', { useTz: true }).notNullable();
    table
      .text('changes')
      .notNullable()
      .comment('JSON {checkId: [from, to]}: statuses before and after; null when the check was not measured');
    table.index(['entity_ref', 'measured_at'], 'readiness_check_changes_entity_idx');
    table.index(['measured_at'], 'readiness_check_changes_measured_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_check_changes');
};
