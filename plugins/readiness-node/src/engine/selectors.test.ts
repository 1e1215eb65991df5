import { fromLabelSelector, matches, parseSelector } from './selectors';

describe('label selectors', () => {
  const labels = { app: 'doris', tier: 'be' };

  it('reads matchLabels and the four matchExpressions operators', () => {
    const sel = fromLabelSelector({
      matchLabels: { app: 'doris' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['be', 'fe'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'app', operator: 'Exists' },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
      ],
    })!;
    expect(matches(sel, labels)).toBe(true);
  });

  it.each([
    [{ key: 'tier', operator: 'Equals', values: ['be'] }],
    [{ key: 'tier', operator: 'in', values: ['be'] }],
    [{ key: 'tier', operator: 'In', values: [] }],
    [{ key: 'tier', operator: 'NotIn' }],
  ])(
    'an unknown operator or an empty value list selects nothing, never more (%j)',
    expr => {
      expect(
        fromLabelSelector({
          matchLabels: { app: 'doris' },
          matchExpressions: [expr],
        }),
      ).toBeUndefined();
    },
  );

  it('rejects an unknown operator in the string syntax, naming the requirement', () => {
    expect(() => parseSelector('app=doris,tier >= be')).toThrow(
      'invalid label selector requirement "tier >= be"',
    );
  });
});
