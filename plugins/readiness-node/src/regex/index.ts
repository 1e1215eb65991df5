export { compileLinearRegex, promqlRegexMatches } from './linearRegex';
export type { LinearRegex } from './linearRegex';
