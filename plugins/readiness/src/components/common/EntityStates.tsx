import { ReactNode } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { ANNOTATION_KUBERNETES_ID } from '@254carbon/plugin-readiness-common';
import type { ServiceReadiness } from '@254carbon/plugin-readiness-common';
import Alert from '@material-ui/lab/Alert';
import { isNotMeasured, ReadinessErrorPanel, serverMessage } from './errors';
import { RefreshButton } from './RefreshButton';
import { useEntityReadiness } from './useEntityReadiness';

type EntityReadinessState = ReturnType<typeof useEntityReadiness>;

/**
 * The states every entity view shares, in the order a user meets them: no annotations, loading,
 * not measured yet, error; then the content with the measured result.
 */
export function EntityStates(props: {
  state: EntityReadinessState;
  children: (readiness: ServiceReadiness) => ReactNode;
}) {
  const { state } = props;
  if (!state.available) {
    return (
      <MissingAnnotationEmptyState
        annotation={ANNOTATION_KUBERNETES_ID}
        readMoreUrl="https://backstage.io/docs/features/kubernetes/configuration#surfacing-your-kubernetes-components-as-part-of-an-entity"
      />
    );
  }
  if (state.loading) return <Progress />;
  if (state.error && isNotMeasured(state.error)) {
    return <NotMeasuredYet state={state} />;
  }
  if (state.error) return <ReadinessErrorPanel error={state.error} />;
  if (!state.readiness) return <Progress />;
  return <>{props.children(state.readiness)}</>;
}

function NotMeasuredYet(props: { state: EntityReadinessState }) {
  const { state } = props;
  return (
    <>
      {state.refreshError && (
        <Alert severity="error">
          Measuring failed: {state.refreshError.message}
        </Alert>
      )}
      <EmptyState
        missing="data"
        title="Not measured yet"
        description={
          serverMessage(state.error) ??
          'The readiness backend measures every annotated service on a schedule. This entity has not been swept since it was registered or annotated; its results appear after the next sweep.'
        }
        action={
          <RefreshButton
            entityRef={state.entityRef}
            variant="contained"
            onRefresh={() => state.refresh()}
            refreshing={state.refreshing}
            refreshSettled={state.refreshSettled}
          />
        }
      />
    </>
  );
}
