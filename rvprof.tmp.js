const { spawn } = require('node:child_process');
const autocannon = require('/work/main/node_modules/autocannon');
const { signToken } = require('/work/main/dist/libs/application/src');
const dir = '/tmp/rvp'; require('fs').rmSync(dir, { recursive: true, force: true });
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/rvp-prof', '/work/main/dist/apps/cli/src/main.js', 'bench', '--step', 'serve-visits', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
child.stdout.on('data', async (chunk) => {
  const m = /BENCH_SERVER (\d+)/.exec(String(chunk)); if (!m) return;
  const port = Number(m[1]);
  const token = signToken({ sub: 'bench-cadre', roles: ['cadre'], region: '220000', ttlSeconds: 3600 }, 'bench');
  const OK = { result: 'met' };
  let i = 0;
  const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 50, duration: 10, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: `/api/v1/households/222426103201${String(1 + (i++ % 1000)).padStart(4, '0')}/visits`, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ cadreId: 'bench-cadre', kind: '走访', occurredAt: new Date(Date.now() - 3600000).toISOString(), findings: { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK }, measures: ['黄牛养殖项目分红'], notes: '入户走访' }) })}] });
  console.log('rate', r.requests.average, 'p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx);
  child.send('stop');
});
child.on('exit', () => console.log('server exited'));
