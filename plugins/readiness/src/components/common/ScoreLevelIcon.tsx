import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { ScoreLevel } from './format';

/**
 * The score band as a shape (check, triangle, exclamation) as well as a colour. Decorative: the
 * band is also given in words next to it for assistive technology.
 */
export function ScoreLevelIcon(props: { level: ScoreLevel | undefined }) {
  switch (props.level) {
    case 'ok':
      return <StatusOK aria-hidden data-score-icon="ok" />;
    case 'warning':
      return <StatusWarning aria-hidden data-score-icon="warning" />;
    case 'error':
      return <StatusError aria-hidden data-score-icon="error" />;
    default:
      return null;
  }
}
