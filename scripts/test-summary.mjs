// Prints the closing line CI reads ("N passed, N failed") from the jest and e2e result files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const jest = join(dir, 'jest.json');
if (existsSync(jest)) {
  const r = JSON.parse(readFileSync(jest, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
// Browser suites write { passed, failed }: the e2e test, its accessibility pass, the status
// report's printable page and the client test.
for (const file of ['e2e.json', 'a11y/a11y.json', 'report.json', 'client.json']) {
  const path = join(dir, file);
  if (!existsSync(path)) continue;
  const r = JSON.parse(readFileSync(path, 'utf8'));
  passed += r.passed;
  failed += r.failed;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
