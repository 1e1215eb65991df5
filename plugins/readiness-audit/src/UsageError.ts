/**
 * A problem with how the command was called or with one of its input files: exit code 2 and a
 * message naming the flag or file, as opposed to findings (exit code 1).
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
