import Alert from '@material-ui/lab/Alert';
import type { ServiceReadiness } from '@254carbon/plugin-readiness-common';

/**
 * What a reader needs to know about how the service was measured: the clusters it was judged in
 * (when more than one) and notes such as "cluster staging could not be read; judged from prod".
 */
export function MeasurementNotes(props: { readiness: ServiceReadiness }) {
  const { clusters = [], notes = [] } = props.readiness;
  if (clusters.length < 2 && notes.length === 0) return null;
  return (
    <Alert severity="info" data-testid="readiness-measurement-notes">
      {clusters.length > 1 && (
        <div>
          Judged in {clusters.length} clusters ({clusters.join(', ')}): each
          check shows the worst cluster.
        </div>
      )}
      {notes.map(note => (
        <div key={note}>{note}</div>
      ))}
    </Alert>
  );
}
