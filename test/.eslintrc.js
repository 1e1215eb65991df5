// The integration suites are not a shipped package: helpers here wrap `describe` (e.g. to skip or
// fail when a real server is missing), read fixtures relative to the repository, and exercise the
// backend plugin from outside, which the defaults for a node-library forbid.
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    'no-restricted-syntax': 'off',
    '@backstage/no-mixed-plugin-imports': 'off',
    'jest/no-export': 'off',
    'jest/valid-title': 'off',
    'jest/valid-describe-callback': 'off',
    'jest/no-standalone-expect': 'off',
    'jest/expect-expect': 'off',
    'jest/no-disabled-tests': 'off',
  },
});
