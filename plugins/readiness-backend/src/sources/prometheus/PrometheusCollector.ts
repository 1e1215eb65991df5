import {
  failed,
  ok,
  PrometheusFacts,
  PrometheusServiceFacts,
  Read,
} from '@254carbon/plugin-readiness-node';
import pLimit from 'p-limit';
import type { PrometheusQueries } from '../../config';
import { httpRequest } from '../http';

/** What a PromQL template needs about one service. */
export interface PrometheusTarget {
  entityRef: string;
  /** `{{name}}`: the kubernetes id, else the entity name. */
  name: string;
  /** `{{namespace}}`: the service's Kubernetes namespace. */
  namespace?: string;
}

export interface PrometheusSource {
  collect(targets: PrometheusTarget[]): Promise<PrometheusFacts>;
}

export interface PrometheusCollectorOptions {
  baseUrl: string;
  timeoutMs: number;
  queries: PrometheusQueries;
  concurrency: number;
}

type Sample = { metric: Record<string, string>; value: [number, string] };

// Values go inside double-quoted PromQL strings (label matchers), where only \ and " need escaping.
const quote = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export function renderQuery(template: string, target: PrometheusTarget): string {
  return template
    .replace(/\{\{\s*name\s*\}\}/g, quote(target.name))
    .replace(/\{\{\s*namespace\s*\}\}/g, quote(target.namespace ?? ''));
}

/**
 * Reads Prometheus: `/-/ready`, then the three configured PromQL queries per service. PromQL
 * templates are per service by nature (each embeds the service's labels), so this is one
 * instant query per (service, query), bounded by `concurrency`.
 */
export class PrometheusCollector implements PrometheusSource {
  constructor(private readonly options: PrometheusCollectorOptions) {}

  private get base() {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  async collect(targets: PrometheusTarget[]): Promise<PrometheusFacts> {
    const ready = await this.ready();
    if (ready.state === 'error') {
      // Unreachable: one error for everyone instead of thousands of timeouts.
      const down = failed<any>(ready.message);
      const services = Object.fromEntries(
        targets.map(t => [t.entityRef, { targets: down, availability: down, latencyP95Ms: down }]),
      );
      return { ready, services };
    }
    const limit = pLimit(this.options.concurrency);
    const { queries } = this.options;
    const entries = await Promise.all(
      targets.map(async target => {
        // Without a namespace the templates would match every namespace's series.
        if (!target.namespace) {
          const none = failed<any>(
            `no Kubernetes namespace known for ${target.entityRef} (no workload found and no backstage.io/kubernetes-namespace annotation), so its PromQL cannot be scoped`,
          );
          return [target.entityRef, { targets: none, availability: none, latencyP95Ms: none }] as const;
        }
        const [up, availability, latency] = await Promise.all([
          limit(() => this.query(renderQuery(queries.up, target))),
          limit(() => this.query(renderQuery(queries.availability, target))),
          limit(() => this.query(renderQuery(queries.latencyP95, target))),
        ]);
        const facts: PrometheusServiceFacts = {
          targets: mapRead(up, samples => ({
            total: samples.length,
            up: samples.filter(s => Number(s.value[1]) === 1).length,
          })),
          availability: mapRead(availability, single),
          latencyP95Ms: mapRead(latency, single),
        };
        return [target.entityRef, facts] as const;
      }),
    );
    return { ready, services: Object.fromEntries(entries) };
  }

  private async ready(): Promise<Read<boolean>> {
    try {
      const result = await httpRequest(`${this.base}/-/ready`, {
        timeoutMs: this.options.timeoutMs,
      });
      return ok(result.status === 200);
    } catch (e) {
      return failed(`Prometheus ${this.base} unreachable: ${(e as Error).message}`);
    }
  }

  /** One instant query; returns the samples of a vector, or a scalar as one sample. */
  private async query(promql: string): Promise<Read<Sample[]>> {
    const url = `${this.base}/api/v1/query?${new URLSearchParams({ query: promql })}`;
    try {
      const result = await httpRequest(url, {
        headers: { Accept: 'application/json' },
        timeoutMs: this.options.timeoutMs,
      });
      const body = result.json;
      if (result.status !== 200 || body?.status !== 'success') {
        const detail = body?.error ?? result.text.slice(0, 200);
        return failed(`Prometheus query failed (${result.status}): ${detail} — query: ${promql}`);
      }
      const data = body.data;
      if (data?.resultType === 'vector') return ok(data.result as Sample[]);
      if (data?.resultType === 'scalar') return ok([{ metric: {}, value: data.result }]);
      return failed(`Prometheus query returned a ${data?.resultType}, expected an instant vector — query: ${promql}`);
    } catch (e) {
      return failed(`Prometheus ${this.base} unreachable: ${(e as Error).message}`);
    }
  }
}

function mapRead<T>(read: Read<Sample[]>, fn: (samples: Sample[]) => T): Read<T> {
  return read.state === 'ok' ? ok(fn(read.value)) : (read as Read<T>);
}

/** The query's single value; null for no series or NaN (no traffic: 0/0). */
function single(samples: Sample[]): number | null {
  if (samples.length === 0) return null;
  const value = Number(samples[0].value[1]);
  return Number.isFinite(value) ? value : null;
}
