// The HTTP load generator, in a process of its own: plain JavaScript with a small heap, so its own
// garbage collection and the benchmark's generated platform (held by bench/run.ts) do not add to
// the latencies it measures. Started by loadTest() in bench/run.ts with one job over IPC:
//   { urls: string[], clients: number, authorization: string } → { p50, p99, errors }
import http from 'node:http';

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Every URL once, from `clients` concurrent keep-alive clients; latencies in ms. */
async function run({ urls, clients, authorization }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  let next = 0;
  let errors = 0;
  const one = url =>
    new Promise(done => {
      const start = performance.now();
      const req = http.get(url, { agent, headers: { authorization } }, res => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - start);
          if (res.statusCode !== 200) errors += 1;
          done();
        });
      });
      // A transport error (e.g. a keep-alive socket the server closed) is counted, not fatal.
      req.on('error', () => {
        errors += 1;
        done();
      });
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < urls.length) await one(urls[next++]);
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

process.once('message', job => {
  run(job).then(
    result => process.send({ result }, () => process.exit(0)),
    e => process.send({ error: String(e?.stack ?? e) }, () => process.exit(1)),
  );
});
