export type ApplyResult = 'created' | 'updated' | 'unchanged';

/** One side effect, as reported in the `applied` output. */
export interface AppliedItem {
  kind: string;
  namespace?: string;
  name: string;
  result: ApplyResult;
  [key: string]: string | undefined;
}

/** Thrown when some of the bundle was applied and the rest was not. */
export class PartialApplyError extends Error {
  constructor(
    readonly applied: AppliedItem[],
    readonly failed: {
      kind: string;
      namespace?: string;
      name: string;
      reason: string;
    },
    readonly notApplied: { kind: string; namespace?: string; name: string }[],
  ) {
    const id = (o: { kind: string; namespace?: string; name: string }) =>
      `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
    super(
      [
        `Applying ${id(failed)} failed: ${failed.reason}.`,
        `Applied: ${
          applied.length
            ? applied.map(a => `${id(a)} (${a.result})`).join(', ')
            : 'nothing'
        }.`,
        `Not applied: ${[id(failed), ...notApplied.map(id)].join(', ')}.`,
        'Fix the cause and run the template again: applying is idempotent.',
      ].join(' '),
    );
    this.name = 'PartialApplyError';
  }
}
