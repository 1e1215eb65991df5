// @ts-check

/**
 * Per-cluster collections (readiness.sources.kubernetes.perClusterTasks): each cluster is listed
 * by its own scheduled task, on whichever replica takes it, and stored here for the sweep that
 * evaluates every cluster together. Sanitised objects only (no secret values), gzip-compressed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_cluster_snapshots', table => {
    table.comment('The latest collection of each cluster, when clusters are collected by their own tasks');
    table.string('cluster', 255).primary();
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table.binary('payload').notNullable().comment('gzip of the ClusterSnapshot JSON');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_cluster_snapshots');
};
