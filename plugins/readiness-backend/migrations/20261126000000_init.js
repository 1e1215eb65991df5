// @ts-check

/**
 * Readiness results: the latest per entity (read by the API), a thinned history of scores, the
 * platform checks, the sweeps that produced them, and a revision counter that lets every backend
 * replica know when its in-memory summary cache is out of date.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_latest', table => {
    table.comment('The latest measured readiness of each entity');
    table.string('entity_ref', 255).primary().comment('Lower-case entity ref');
    table.text('payload').notNullable().comment('ServiceReadiness JSON');
    table.text('summary').notNullable().comment('Compact summary row JSON, for GET /summary');
    table.float('overall').nullable();
    table.float('infrastructure').nullable();
    table.float('security').nullable();
    table.float('operations').nullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('namespace', 255).nullable().comment('Kubernetes namespaces, comma separated');
    table.string('lifecycle', 255).nullable();
    table.timestamp('measured_at', { useTz: true }).notNullable();
    table.timestamp('history_at', { useTz: true }).nullable().comment('Time of the last history point');
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
    table.index(['owner'], 'readiness_latest_owner_idx');
  });

  await knex.schema.createTable('readiness_history', table => {
    table.comment('Score history per entity, pruned by readiness.retention.days');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.timestamp('measured_at', { useTz: true }).notNullable();
    table.float('overall').nullable();
    table.text('layers').notNullable().comment('Record<Layer, number | null> JSON');
    table.text('counts').notNullable().comment('Record<CheckStatus, number> JSON');
    table.index(['entity_ref', 'measured_at'], 'readiness_history_entity_idx');
    table.index(['measured_at'], 'readiness_history_measured_idx');
  });

  await knex.schema.createTable('readiness_platform', table => {
    table.comment('The latest platform checks (one row)');
    table.string('id', 32).primary();
    table.text('payload').notNullable().comment('PlatformReadiness JSON');
    table.timestamp('measured_at', { useTz: true }).notNullable();
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
  });

  await knex.schema.createTable('readiness_sweeps', table => {
    table.comment('One row per sweep');
    table.bigIncrements('id').primary();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.string('status', 16).notNullable().comment('running | succeeded | failed');
    table.integer('services').notNullable().defaultTo(0);
    table.text('error').nullable();
    table.text('source_errors').notNullable().defaultTo('[]');
    table.index(['started_at'], 'readiness_sweeps_started_idx');
  });

  await knex.schema.createTable('readiness_revision', table => {
    table.comment('Bumped by every write, so replicas can tell their cache is stale');
    table.integer('id').primary();
    table.bigInteger('revision').notNullable();
  });
  await knex('readiness_revision').insert({ id: 1, revision: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_revision');
  await knex.schema.dropTable('readiness_sweeps');
  await knex.schema.dropTable('readiness_platform');
  await knex.schema.dropTable('readiness_history');
  await knex.schema.dropTable('readiness_latest');
};
