import { VisuallyHidden } from './StatusIcon';

/**
 * A polite live region. It has to be in the page before its text changes, or screen readers
 * do not announce the change, so render it unconditionally and pass the message in.
 */
export function LiveRegion(props: { message?: string }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true">
      <VisuallyHidden>{props.message ?? ''}</VisuallyHidden>
    </div>
  );
}
