// @ts-check

/**
 * What the readiness notifier last knew of each subject (a service, or the platform): per check,
 * the last settled status (pass, warn or fail). A regression is notified only when the stored
 * status was pass or warn and the new one is fail, so a state that holds is never notified twice,
 * across restarts and replicas. A subject without a row is recorded silently (first sweep after
 * install, a new service).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_notification_state', table => {
    table.comment(
      'Last settled check statuses per subject, for regression notifications',
    );
    table
      .string('subject', 255)
      .primary()
      .comment('lower-case entity ref, or "platform"');
    table
      .text('statuses')
      .notNullable()
      .comment('JSON: { [checkId]: "pass" | "warn" | "fail" }');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_notification_state');
};
