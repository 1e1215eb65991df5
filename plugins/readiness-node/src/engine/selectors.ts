/**
 * Kubernetes label selectors in the kubectl string syntax (`a=b,c!=d,e in (x,y),!f`), as used by
 * the `backstage.io/kubernetes-label-selector` annotation, and `matchLabels`/`matchExpressions`
 * objects as found in NetworkPolicies, PDBs and spread constraints.
 */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export type Selector = Requirement[];

const REQ =
  /^\s*(!?)\s*([A-Za-z0-9._/-]+)\s*(?:(==|=|!=)\s*([A-Za-z0-9._-]*)|\s+(in|notin)\s*\(([^)]*)\))?\s*$/;

/** Parses a selector string; throws an Error naming the bad part. Empty string selects everything. */
export function parseSelector(text: string): Selector {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() || parts.length) parts.push(current);
  return parts.map(part => {
    const m = REQ.exec(part);
    if (!m) {
      throw new Error(
        `invalid label selector requirement "${part.trim()}" (expected key=value, key!=value, key in (a,b), key notin (a), key or !key)`,
      );
    }
    const [, bang, key, eq, value, setOp, setValues] = m;
    if (bang) {
      if (eq || setOp) throw new Error(`invalid label selector requirement "${part.trim()}"`);
      return { key, op: 'notexists' };
    }
    if (eq) return { key, op: eq === '!=' ? 'notin' : 'in', values: [value] };
    if (setOp) {
      return {
        key,
        op: setOp as 'in' | 'notin',
        values: setValues.split(',').map(v => v.trim()).filter(Boolean),
      };
    }
    return { key, op: 'exists' };
  });
}

/** Converted selectors by selector object (objects of a sweep are read once per service). */
const PARSED = new WeakMap<object, Selector | null>();

/**
 * Converts a `metav1.LabelSelector` object. Null/undefined selects nothing; `{}` selects
 * everything. An unknown operator (or In/NotIn without values) makes the whole selector select
 * nothing, as Kubernetes' own conversion fails on it: skipping the requirement would widen it.
 */
export function fromLabelSelector(sel: any): Selector | undefined {
  if (sel === null || sel === undefined) return undefined;
  if (typeof sel !== 'object') return convertLabelSelector(sel);
  // Objects of a sweep are read thousands of times (once per service): convert each once.
  if (PARSED.has(sel)) return PARSED.get(sel) ?? undefined;
  const parsed = convertLabelSelector(sel);
  PARSED.set(sel, parsed ?? null);
  return parsed;
}

function convertLabelSelector(sel: any): Selector | undefined {
  const reqs: Selector = Object.entries(sel.matchLabels ?? {}).map(
    ([key, value]) => ({ key, op: 'in' as const, values: [String(value)] }),
  );
  for (const e of sel.matchExpressions ?? []) {
    const op = e?.operator;
    const values: unknown = e?.values;
    if ((op === 'In' || op === 'NotIn') && Array.isArray(values) && values.length) {
      reqs.push({ key: e.key, op: op === 'In' ? 'in' : 'notin', values: values.map(String) });
    } else if (op === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else if (op === 'DoesNotExist') reqs.push({ key: e.key, op: 'notexists' });
    else return undefined;
  }
  return reqs;
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return selector.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      default:
        return false;
    }
  });
}
