import { DEFAULT_SETTINGS, OnboardingSettings } from '../settings';

/** The settings of the 254Carbon cluster used across the tests. */
export const SETTINGS: OnboardingSettings = {
  ...DEFAULT_SETTINGS,
  allowedNamespaces: ['data-platform', 'analytics'],
};

/** The sample service of the report: lakefs in data-platform. */
export const LAKEFS = {
  name: 'lakefs',
  namespace: 'data-platform',
  owner: 'group:default/data-platform',
  hosts: ['lakefs.254carbon.com'],
  secretsPath: 'data-platform/lakefs',
  dependencies: ['minio:9000', 'analytics/postgres:5432'],
  ports: [8000],
};

export const NOW = new Date('2026-11-26T12:00:00Z');
