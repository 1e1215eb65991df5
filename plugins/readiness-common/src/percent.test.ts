import { formatPercent, roundPercent } from './percent';

describe('roundPercent', () => {
  it('keeps one decimal', () => {
    expect(roundPercent(38.46)).toBe(38.5);
    expect(roundPercent(38.5)).toBe(38.5);
    expect(roundPercent(100)).toBe(100);
    expect(roundPercent(0.04)).toBe(0);
  });

  it('is idempotent, so a rounded figure from the API is shown as sent', () => {
    for (const value of [38.5, 41.2, 23.1, 67.5, 99.9]) {
      expect(roundPercent(roundPercent(value))).toBe(value);
    }
  });
});

describe('formatPercent', () => {
  it('shows one decimal and a percent sign', () => {
    expect(formatPercent(38.46)).toBe('38.5%');
    expect(formatPercent(40)).toBe('40%');
  });

  it('shows an em dash when nothing was scored', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
  });
});
