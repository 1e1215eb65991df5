import { createMockDirectory } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { actionContext } from '../__testUtils__/context';
import { NOW, SETTINGS } from '../__testUtils__/fixtures';
import { createReadinessActions } from '.';

// The WebAssembly HCL parser and the engine are slow to load on a busy 2-core machine.
jest.setTimeout(60_000);

const mockDir = createMockDirectory();

describe('action examples', () => {
  const actions = createReadinessActions({
    settings: SETTINGS,
    now: () => NOW,
  });
  const cases = actions.flatMap(a =>
    (a.examples ?? []).map(e => [a.id, e.description, e.example] as const),
  );

  it.each(cases)(
    '%s: %s — is valid and runs as a dry run',
    async (id, _description, example) => {
      mockDir.clear();
      const { steps } = parse(example);
      expect(steps).toHaveLength(1);
      expect(steps[0].action).toBe(id);
      const action = actions.find(a => a.id === id)!;
      // Examples in apply mode need a cluster; their input must still validate in write mode.
      const input = { ...steps[0].input, mode: 'write' };
      const { ctx, outputs } = actionContext({
        input,
        workspacePath: mockDir.resolve('ws'),
        isDryRun: true,
      });
      await action.handler(ctx);
      expect(outputs.files.length).toBeGreaterThan(0);
      expect(outputs.readiness.passed).toBe(true);
    },
  );
});
