module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Test helpers that wrap `describe` (describeLive: skip outside CI, fail in CI when the real
      // kube-apiserver is missing) take the title and callback from the suites that import them.
      files: ['src/__testUtils__/**'],
      rules: {
        'jest/no-export': 'off',
        'jest/valid-title': 'off',
        'jest/valid-describe-callback': 'off',
        'jest/no-disabled-tests': 'off',
      },
    },
  ],
});
