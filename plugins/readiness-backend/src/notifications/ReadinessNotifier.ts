import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import pLimit from 'p-limit';
import { normaliseRef } from '../config';
import type { StoredResults, SweepObserver } from '../sweep/SweepObserver';
import { isOptedOut } from './optOut';
import { regressionPayload } from './notificationContent';
import type { NotificationStateStore } from './NotificationStateStore';
import { diffStatuses, Regression, SettledStatuses } from './transitions';

/** The subject key of the platform checks in the notification state. */
const PLATFORM_SUBJECT = 'platform';

export interface NotificationsConfig {
  enabled: boolean;
  /** Who hears about failing platform checks (PLAT-*): entity refs, usually one group. */
  platformTeam: string[];
}

interface Pending {
  subject: string;
  /** The service, or undefined for the platform. */
  entityRef?: string;
  recipients: string[];
  payload: NotificationPayload;
  regression: Regression;
}

/**
 * Tells people when readiness regresses: after each stored sweep or refresh, every check that went
 * from pass or warn to fail becomes one notification, to the service's owner (the platform team
 * for platform checks), through the notifications backend. What was last known is kept per
 * subject in the database, so a failure that holds is notified once; a notification that could
 * not be sent leaves the check at its previous status and is tried again on the next sweep.
 */
export class ReadinessNotifier implements SweepObserver {
  readonly name = 'notifications';

  constructor(
    private readonly options: {
      config: NotificationsConfig;
      notifications: NotificationService;
      state: NotificationStateStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** readiness.thresholds.certFailDays, named in certificate notifications. */
      certFailDays: number;
    },
  ) {}

  async onResults(results: StoredResults): Promise<void> {
    if (!this.options.config.enabled) return;
    const { state, logger } = this.options;
    const subjects = results.services.map(s => normaliseRef(s.entityRef));
    // A sweep covers (nearly) every subject: one read of the table beats thousands of lookups.
    const stored = await state.load(
      results.origin === 'sweep' ? undefined : subjects,
    );

    const changed = new Map<string, SettledStatuses>();
    const pending: Pending[] = [];
    results.services.forEach(({ entityRef, meta, checks }, i) => {
      const subject = subjects[i];
      const diff = diffStatuses(stored.get(subject), checks);
      if (diff.changed) changed.set(subject, diff.next);
      const subjectTitle = meta.title ?? parseEntityRef(entityRef).name;
      for (const regression of diff.regressions) {
        pending.push({
          subject,
          entityRef,
          recipients: meta.owner ? [meta.owner] : [],
          payload: this.payload(entityRef, subjectTitle, regression),
          regression,
        });
      }
    });
    if (results.platform) {
      const diff = diffStatuses(
        stored.get(PLATFORM_SUBJECT),
        results.platform.checks,
      );
      if (diff.changed) changed.set(PLATFORM_SUBJECT, diff.next);
      for (const regression of diff.regressions) {
        pending.push({
          subject: PLATFORM_SUBJECT,
          recipients: this.options.config.platformTeam,
          payload: this.payload(undefined, 'Platform', regression),
          regression,
        });
      }
    }

    const sent = await this.send(pending, changed);
    await state.save(changed, results.measuredAt);
    if (results.origin === 'sweep') {
      // A sweep measures every service in the catalog: the others are gone, and so is what was
      // remembered of them (a service that comes back starts afresh, like a new one).
      const current = new Set(subjects);
      const gone = [...stored.keys()].filter(s => s !== PLATFORM_SUBJECT && !current.has(s));
      if (gone.length) await state.remove(gone);
    }
    if (pending.length) {
      logger.info(
        `readiness notifications: ${pending.length} regression(s) after the ${results.origin}, ${sent} notification(s) sent`,
      );
    }
  }

  private payload(
    entityRef: string | undefined,
    subjectTitle: string,
    regression: Regression,
  ) {
    return regressionPayload({
      entityRef,
      subjectTitle,
      regression,
      certFailDays: this.options.certFailDays,
    });
  }

  /** Sends what may be sent; returns how many went out. Failures revert the stored status. */
  private async send(
    pending: Pending[],
    changed: Map<string, SettledStatuses>,
  ): Promise<number> {
    if (!pending.length) return 0;
    const { notifications, logger } = this.options;
    const optedOut = await this.optedOut(
      pending.flatMap(p => (p.entityRef ? [p.entityRef] : [])),
    );
    const limit = pLimit(4);
    let sent = 0;
    await Promise.all(
      pending.map(p =>
        limit(async () => {
          const checkId = p.regression.result.checkId;
          const what = `${checkId} of ${p.entityRef ?? 'the platform'}`;
          if (p.entityRef && optedOut.has(normaliseRef(p.entityRef))) {
            logger.debug(
              `readiness notifications: ${what} not sent, the entity opted out`,
            );
            return;
          }
          if (!p.recipients.length) {
            logger.warn(
              p.entityRef
                ? `readiness notifications: ${what} failed but the entity has no spec.owner to notify`
                : `readiness notifications: ${what} failed but readiness.notifications.platformTeam is not set`,
            );
            return;
          }
          try {
            await notifications.send({
              recipients: { type: 'entity', entityRef: p.recipients },
              payload: p.payload,
            });
            sent += 1;
          } catch (e) {
            // Not recorded as failing, so the next sweep tries again.
            changed.get(p.subject)![checkId] = p.regression.previous;
            logger.warn(
              `readiness notifications: could not notify ${p.recipients.join(
                ', ',
              )} of ${what}: ${
                (e as Error).message
              } (is @backstage/plugin-notifications-backend installed? Set readiness.notifications.enabled: false to turn notifications off)`,
            );
          }
        }),
      ),
    );
    return sent;
  }

  /** The entities among these that opted out by annotation (lower-case refs). */
  private async optedOut(entityRefs: string[]): Promise<Set<string>> {
    const unique = [...new Set(entityRefs)];
    const out = new Set<string>();
    if (!unique.length) return out;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      // An entity gone from the catalog since the sweep has nobody left to tell.
      if (!entity || isOptedOut(entity)) out.add(normaliseRef(unique[i]));
    });
    return out;
  }
}
