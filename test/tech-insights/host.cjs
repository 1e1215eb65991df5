// A backend on the community Tech Insights plugin's own release line: the REAL
// @backstage-community/plugin-tech-insights-backend (with its json-rules-engine fact checker
// module), the readiness Tech Insights module installed from its tarball, and a readiness API
// stand-in serving the results in readiness-results.json (shaped and scored by the packed
// @254carbon/plugin-readiness-common, exactly as GET /summary and GET /entities/... return them).
// test/tech-insights/run.sh installs and starts it; check.mjs asserts on what Tech Insights stores.
// It runs inside that host, whose own package.json declares what it requires, not in this workspace.
/* eslint-disable @backstage/no-undeclared-imports */
const path = require('node:path');
const { createBackend } = require('@backstage/backend-defaults');
const { createBackendPlugin, coreServices } = require('@backstage/backend-plugin-api');
const express = require('express');
const { scoreResults } = require('@254carbon/plugin-readiness-common');

const measured = require(path.join(__dirname, 'readiness-results.json'));
const result = entityRef => {
  const { checks, measuredAt, stale } = measured[entityRef];
  return { entityRef, measuredAt, stale, ...scoreResults(checks), checks, entityErrors: [] };
};

const readinessApiStandIn = createBackendPlugin({
  pluginId: 'readiness',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
      async init({ httpRouter, httpAuth }) {
        const router = express.Router();
        // Only service principals: the module must call with the tech-insights plugin's token.
        const serviceOnly = (req, _res, next) =>
          httpAuth.credentials(req, { allow: ['service'] }).then(() => next(), next);
        router.get('/summary', serviceOnly, (req, res) => {
          const offset = Number(req.query.offset ?? 0);
          const limit = Number(req.query.limit ?? 50);
          const refs = Object.keys(measured).sort();
          res.json({
            items: refs.slice(offset, offset + limit).map(entityRef => ({ entityRef })),
            totalCount: refs.length,
            offset,
            limit,
          });
        });
        router.get('/entities/:namespace/:kind/:name', serviceOnly, (req, res) => {
          const ref = `${req.params.kind}:${req.params.namespace}/${req.params.name}`;
          if (!measured[ref]) {
            res.status(404).json({ error: { name: 'NotFoundError', message: `${ref} has not been measured` } });
            return;
          }
          res.json(result(ref));
        });
        // The check script reads what the stand-in served, to compare with what Tech Insights stored.
        router.get('/test/results', (_req, res) => {
          res.json(Object.fromEntries(Object.keys(measured).map(ref => [ref, result(ref)])));
        });
        httpRouter.addAuthPolicy({ path: '/test/results', allow: 'unauthenticated' });
        httpRouter.use(router);
      },
    });
  },
});

const techInsights = require('@backstage-community/plugin-tech-insights-backend');
const techInsightsJsonRulesEngine = require('@backstage-community/plugin-tech-insights-backend-module-jsonfc');
const readinessFacts = require('@254carbon/plugin-readiness-backend-module-tech-insights');

const backend = createBackend();
backend.add(techInsights);
backend.add(techInsightsJsonRulesEngine);
backend.add(readinessFacts);
backend.add(readinessApiStandIn);
backend.start();
