import { ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';

export function statusCodeOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** The server's own explanation (e.g. when the next sweep runs), if it sent one. */
export function serverMessage(error: unknown): string | undefined {
  return ResponseError.is(error)
    ? error.cause?.message || undefined
    : undefined;
}

/** The backend answers 404 for an entity no sweep has measured yet. */
export function isNotMeasured(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

/**
 * A backend error, with a plain explanation for the one users can act on: a 403 means their
 * Backstage permissions do not include reading readiness results.
 */
export function ReadinessErrorPanel(props: { error: Error }) {
  const { error } = props;
  if (statusCodeOf(error) === 403) {
    return (
      <ResponseErrorPanel
        error={error}
        title="You are not allowed to view readiness results. Ask an administrator for the readiness.read permission."
      />
    );
  }
  return <ResponseErrorPanel error={error} />;
}
