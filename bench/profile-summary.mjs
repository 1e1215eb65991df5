#!/usr/bin/env node
// Where the time or the memory goes in a V8 profile, so a benchmark miss comes with its cause:
// - a CPU profile (node --cpu-prof, READINESS_BENCH_PROFILE_SWEEP): self time by function and by
//   package or source folder;
// - a sampling heap profile (READINESS_BENCH_HEAP_PROFILE_SWEEP): bytes allocated (and, as the
//   bench takes it, promoted) by function and by package or source folder.
//   node bench/profile-summary.mjs <file.cpuprofile|file.heapprofile> [top=25]
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile|file.heapprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const root = `${resolve(dirname(fileURLToPath(import.meta.url)), '..')}/`;
const relative = url => url.replace(/^file:\/\//, '').replace(root, '');

function where(url) {
  if (!url) return '(native/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const path = relative(url);
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : path;
}

/** [callFrame, self amount] for every node of the profile. */
function selfAmounts() {
  if (profile.head) {
    // Heap profile: a tree whose nodes carry the bytes allocated there.
    const out = [];
    const walk = node => {
      if (node.selfSize) out.push([node.callFrame, node.selfSize]);
      for (const child of node.children ?? []) walk(child);
    };
    walk(profile.head);
    return out;
  }
  // CPU profile: samples with the time since the previous one.
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return [...self].map(([id, us]) => [byId.get(id).callFrame, us]);
}

const heap = Boolean(profile.head);
const amounts = selfAmounts();
const total = amounts.reduce((sum, [, v]) => sum + v, 0);
const fns = new Map();
const places = new Map();
for (const [callFrame, v] of amounts) {
  const name = `${callFrame.functionName || '(anonymous)'} ${relative(callFrame.url)}:${callFrame.lineNumber + 1}`;
  fns.set(name, (fns.get(name) ?? 0) + v);
  const place = where(callFrame.url) || callFrame.functionName;
  places.set(place, (places.get(place) ?? 0) + v);
}
const pct = v => `${((100 * v) / total).toFixed(1).padStart(5)}%`;
const amount = v => (heap ? `${(v / 1048576).toFixed(1).padStart(7)} MB` : `${(v / 1000).toFixed(0).padStart(7)} ms`);
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${pct(v)} ${amount(v)}  ${k}`);
  }
};
const what = heap ? 'bytes allocated' : 'self time';
console.log(`${file}: ${heap ? `${(total / 1048576).toFixed(1)} MB` : `${(total / 1e6).toFixed(1)} s`} sampled`);
print(`${what} by package / source folder`, places);
print(`${what} by function`, fns);
