import { compileLinearRegex, promqlRegexMatches } from './linearRegex';

describe('linear-time regular expressions', () => {
  it('matches like PromQL: anchored, RE2 syntax', () => {
    expect(promqlRegexMatches('doris|trino', 'doris')).toBe(true);
    expect(promqlRegexMatches('doris|trino', 'doris-fe')).toBe(false);
    expect(promqlRegexMatches('.*doris.*', 'apache-doris-fe')).toBe(true);
    expect(promqlRegexMatches('svc-[0-9]+', 'svc-0042')).toBe(true);
    expect(compileLinearRegex('dor').matchesAnywhere('apache-doris')).toBe(true);
  });

  it('treats a pattern RE2 rejects as matching nothing, and names it when compiled directly', () => {
    expect(promqlRegexMatches('(a)\\1', 'aa')).toBe(false);
    expect(() => compileLinearRegex('(?=lookahead)')).toThrow(/invalid regular expression "\(\?=lookahead\)"/);
  });

  it('stays flat on a catastrophic pattern that a backtracking engine takes exponential time for', () => {
    const catastrophic = '(a+)+$';
    const timeFor = (n: number) => {
      const input = `${'a'.repeat(n)}!`;
      const started = process.hrtime.bigint();
      // Anchored at the end and fed a mismatching tail: the classic exponential case.
      compileLinearRegex(catastrophic).matchesAnywhere(input);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // The same pattern on the backtracking engine doubles its time with every character: at 22
    // characters it already takes tens of milliseconds, at 40 it would take days.
    const backtracking = (() => {
      const started = process.hrtime.bigint();
      new RegExp(catastrophic).test(`${'a'.repeat(22)}!`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    })();
    timeFor(10); // warm-up
    const short = timeFor(40);
    const long = timeFor(4000);
    expect(short).toBeLessThan(50);
    expect(long).toBeLessThan(500);
    expect(backtracking).toBeGreaterThan(short);
  });

  it('finds and replaces every match in linear time, where a backtracking scan is quadratic', () => {
    const braces = compileLinearRegex('\\{[^}]*\\}');
    expect(braces.findAll('up{job="a"} / on() x{y="$1"}')).toEqual([['{job="a"}'], ['{y="$1"}']]);
    expect(braces.replaceAll('a{b}c{d}', '$1')).toBe('a$1c$1');
    const matcher = compileLinearRegex('([a-z_]+)\\s*(=~|=)\\s*"([^"]*)"');
    expect(matcher.findAll('up{job=~"(a+)+b", ns="x"}')).toEqual([
      ['job=~"(a+)+b"', 'job', '=~', '(a+)+b'],
      ['ns="x"', 'ns', '=', 'x'],
    ]);
    // 200,000 unclosed braces: a backtracking engine retries from every one of them.
    const hostile = '{'.repeat(200_000);
    const started = process.hrtime.bigint();
    braces.replaceAll(hostile, ' ');
    braces.findAll(hostile);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});
