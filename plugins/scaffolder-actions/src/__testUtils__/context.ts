import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/** A mock action context whose outputs can be read back by name. */
export function actionContext(options: {
  input: Record<string, unknown>;
  workspacePath: string;
  isDryRun?: boolean;
  checkpoints?: Map<string, unknown>;
}) {
  const ctx = createMockActionContext({
    input: options.input as any,
    workspacePath: options.workspacePath,
  });
  const outputs: Record<string, any> = {};
  (ctx.output as jest.Mock).mockImplementation(
    (name: string, value: unknown) => {
      outputs[name] = value;
    },
  );
  const checkpointKeys: string[] = [];
  const store = options.checkpoints;
  return {
    ctx: {
      ...ctx,
      isDryRun: options.isDryRun,
      // Like the scaffolder's: a key seen before returns its stored result without running fn.
      async checkpoint(opts: { key: string; fn: () => Promise<any> }) {
        checkpointKeys.push(opts.key);
        if (store?.has(opts.key)) return store.get(opts.key);
        const value = await opts.fn();
        store?.set(opts.key, value);
        return value;
      },
    } as any,
    outputs,
    checkpointKeys,
  };
}
