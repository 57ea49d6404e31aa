// The health prober's own process (test/support/health-probe.ts): asks GET <url>/api/health over and over while told
// to, and answers the latencies. Kept out of the test's process so that what the test does meanwhile (building a 1 MB
// upload, its garbage collection after a hundred test files) cannot delay a probe and pass for a stalled server.
const { request } = require('node:http');

const baseUrl = process.argv[2];

/** One GET /api/health on a fresh connection (agent: false), as a load balancer's probe would use. */
const once = () =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${baseUrl}/api/health`, { agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
    });
    req.once('error', reject);
    req.end();
  });

let running = false;
let loop = Promise.resolve({ latencies: [], statuses: [] });

process.on('message', (message) => {
  if (message.type === 'start') {
    running = true;
    loop = (async () => {
      const latencies = [];
      const statuses = [];
      while (running) {
        const { ms, status } = await once();
        latencies.push(ms);
        statuses.push(status);
        await new Promise((r) => setTimeout(r, message.gapMs));
      }
      return { latencies, statuses };
    })();
    process.send({ type: 'started' });
  } else if (message.type === 'stop') {
    running = false;
    loop.then(
      (result) => process.send({ type: 'result', ...result }),
      (error) => process.send({ type: 'error', message: String(error) }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
