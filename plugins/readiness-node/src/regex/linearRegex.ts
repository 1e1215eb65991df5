import { RE2JS } from 're2js';

/**
 * A regular expression evaluated in time linear in its input, whatever the pattern.
 *
 * Patterns taken from cluster objects (PrometheusRule matchers, label selectors) are written by
 * whoever can create those objects; run on a backtracking engine, a pattern like `(a+)+$` takes
 * exponential time on a short string and stalls the sweep for every service. RE2JS, the
 * JavaScript port of RE2, cannot backtrack. It is also the right dialect: PromQL and Alertmanager
 * matchers are RE2 syntax.
 */
export interface LinearRegex {
  /** Whether the whole value matches, as PromQL's `=~` and `!~` do (implicitly anchored). */
  matchesFully(value: string): boolean;
  /** Whether the pattern matches anywhere in the value. */
  matchesAnywhere(value: string): boolean;
  /**
   * Every non-overlapping match, left to right, as `[whole, group1, …]` (undefined for a group
   * that did not take part). Linear in the text overall.
   */
  findAll(text: string): (string | undefined)[][];
  /** The text with every match replaced by `replacement` (taken literally). */
  replaceAll(text: string, replacement: string): string;
}

/**
 * Compiles a pattern with the linear-time engine. Throws an Error naming the pattern when it is
 * not valid RE2 syntax (e.g. backreferences or lookaround, which RE2 rejects by design).
 */
export function compileLinearRegex(pattern: string): LinearRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw new Error(`invalid regular expression "${pattern}": ${(e as Error).message}`);
  }
  return {
    matchesFully: value => re.matches(value),
    matchesAnywhere: value => re.test(value),
    findAll(text) {
      const matcher = re.matcher(text);
      const found: (string | undefined)[][] = [];
      while (matcher.find()) {
        const groups: (string | undefined)[] = [];
        for (let g = 0; g <= matcher.groupCount(); g++) groups.push(matcher.group(g) ?? undefined);
        found.push(groups);
      }
      return found;
    },
    replaceAll(text, replacement) {
      // Literal replacement: the engine's own replaceAll would expand `$1`-style references.
      const matcher = re.matcher(text);
      let out = '';
      let last = 0;
      while (matcher.find()) {
        out += text.slice(last, matcher.start()) + replacement;
        last = matcher.end();
      }
      return out + text.slice(last);
    },
  };
}

/**
 * PromQL `=~` semantics in one call: true when `pattern` (RE2 syntax) matches all of `value`;
 * false, not an exception, when the pattern is invalid (an invalid matcher selects nothing).
 */
export function promqlRegexMatches(pattern: string, value: string): boolean {
  try {
    return compileLinearRegex(pattern).matchesFully(value);
  } catch {
    return false;
  }
}
