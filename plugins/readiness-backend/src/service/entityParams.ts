import { makeValidator, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

// The catalog's own naming rules: the same validator its entity policies apply on ingestion, so
// a reference that could never name an entity is rejected before it reaches the catalog client
// (whose URL building would otherwise turn `..` segments into other catalog routes).
const validator = makeValidator();

const RULES = {
  namespace: {
    valid: validator.isValidNamespace,
    rule: 'a DNS label: 1-63 lower-case letters, digits and dashes, starting and ending with a letter or digit',
  },
  kind: {
    valid: validator.isValidKind,
    rule: '1-63 letters and digits, starting with a letter',
  },
  name: {
    valid: validator.isValidEntityName,
    rule: '1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
  },
} as const;

/** Quotes a rejected value for an error message without echoing unbounded or unprintable input. */
function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}

/**
 * Validates the `:namespace/:kind/:name` route parameters with Backstage's entity naming rules
 * and returns the entity ref they name. Throws an InputError (400) naming each bad part and the
 * rule it breaks.
 */
export function entityRefFromParams(params: Record<string, unknown>): string {
  const problems: string[] = [];
  for (const [part, { valid, rule }] of Object.entries(RULES)) {
    if (!valid(params[part])) {
      problems.push(`${part} ${quote(params[part])} must be ${rule}`);
    }
  }
  if (problems.length) {
    throw new InputError(
      `Invalid entity reference: ${problems.join('; ')} (expected /entities/<namespace>/<kind>/<name>, e.g. /entities/default/component/doris)`,
    );
  }
  return stringifyEntityRef({
    namespace: params.namespace as string,
    kind: params.kind as string,
    name: params.name as string,
  }).toLocaleLowerCase('en-US');
}
