import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { resolve } from 'node:path';
import { KubeEnv, KubeRest, applyOrder } from '../../test/src/kube/KubeRest';

const ROOT = resolve(__dirname, '../..');

export interface BenchCluster {
  name: string;
  env: KubeEnv;
  stateDir: string;
}

function readEnvFile(file: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  return vars;
}

function run(script: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [resolve(ROOT, 'scripts/test-env', script), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('exit', code => (code === 0 ? done() : fail(new Error(`${script} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * Starts one real kube-apiserver per cluster, each with its own (empty) etcd, and installs the
 * CRDs. Each cluster is a separate API server: the sweep really talks to C servers, as it would in
 * production. A server left running by an earlier `--keep` run is restarted, so every run loads
 * into empty clusters.
 */
export async function startClusters(names: string[], baseDir: string, basePort: number): Promise<BenchCluster[]> {
  const started = await Promise.allSettled(
    names.map(async (name, i) => {
      const stateDir = resolve(baseDir, name);
      if (existsSync(resolve(stateDir, 'env'))) await run('kube-down.sh', [stateDir]);
      await run('kube-up.sh', [stateDir, String(basePort + i)]);
      await run('apply-crds.sh', [stateDir]);
      const vars = readEnvFile(resolve(stateDir, 'env'));
      return {
        name,
        stateDir,
        env: { url: vars.KUBE_URL, token: vars.KUBE_ADMIN_TOKEN, ca: readFileSync(vars.KUBE_CA_FILE, 'utf8') },
      };
    }),
  );
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // Stop the servers that did start (and whatever the failed one left), so no etcd or API
    // server outlives the run and holds its ports for the next one.
    stopClusters(names.map(name => ({ stateDir: resolve(baseDir, name) })));
    throw new Error(
      `${(failed.reason as Error).message}; the other clusters were stopped. If a port was still in use ` +
        `(e.g. by a run that just ended), run again or pick other ports with --base-port`,
    );
  }
  return started.map(r => (r as PromiseFulfilledResult<BenchCluster>).value);
}

export function stopClusters(clusters: Pick<BenchCluster, 'stateDir'>[]) {
  for (const c of clusters) {
    if (existsSync(c.stateDir)) {
      execFileSync('bash', [resolve(ROOT, 'scripts/test-env/kube-down.sh'), c.stateDir], { stdio: 'ignore' });
    }
  }
}

/** Creates objects (then their status) with at most `concurrency` requests in flight. */
export async function loadObjects(env: KubeEnv, objects: any[], concurrency = 24): Promise<number> {
  const rest = new KubeRest(env);
  // Discovery once, before the workers share the client.
  await rest.pathFor({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  const ordered = applyOrder(objects);
  // Namespaces (and cluster-scoped objects) first, as their own wave: namespaced objects need them.
  const waves = [
    ordered.filter(o => !o.metadata.namespace),
    ordered.filter(o => o.metadata.namespace),
  ];
  let done = 0;
  for (const wave of waves) {
    let next = 0;
    const worker = async () => {
      while (next < wave.length) {
        const obj = wave[next++];
        await rest.put(obj);
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, wave.length) }, worker));
  }
  return done;
}

/** Counts and times GETs against one API server, reusing connections like a client library does. */
export class CountingGetter {
  calls = 0;
  private readonly agent: https.Agent;

  constructor(private readonly env: KubeEnv, maxSockets: number) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets, ca: env.ca });
  }

  get(path: string): Promise<{ status: number; items: number }> {
    this.calls += 1;
    return new Promise((resolvePromise, reject) => {
      const req = https.request(
        new URL(path, this.env.url),
        { agent: this.agent, headers: { authorization: `Bearer ${this.env.token}`, accept: 'application/json' } },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            // A kind the server does not serve answers 404 with a plain-text body.
            let items = 0;
            try {
              items = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}').items?.length ?? 0;
            } catch {
              items = 0;
            }
            resolvePromise({ status: res.statusCode ?? 0, items });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}
