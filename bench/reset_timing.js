// Does a password-reset request take longer when the address has an account? Registers USERS accounts,
// then sends ROUNDS requests for each account and as many for unknown addresses, interleaved at random,
// each from its own loopback address (127.1.x.y) so the per-client limit never answers instead. Prints
// the median, p90 and mean latency of both kinds, the difference of the medians, and the same difference
// between two random halves of the unknown-address requests: the noise the first must stand out of.
//   node bench/reset_timing.js BASE_URL USERS ROUNDS [CONCURRENCY]
const http = require('node:http');

const [base, users, rounds, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5] || 1)];
let sourceCounter = 0;

function post(path, body, localAddress) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const started = process.hrtime.bigint();
    const request = http.request(`${base}${path}`, {
      method: 'POST', localAddress, agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    request.on('error', reject);
    request.end(data);
  });
}

function nextSource() {
  sourceCounter += 1;
  return `127.1.${(sourceCounter >> 8) & 255}.${(sourceCounter & 255) || 1}`;
}

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];
const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;

async function main() {
  const run = Date.now().toString(36);
  const accounts = [];
  for (let i = 0; i < users; i++) {
    const email = `reset-${run}-${i}@example.com`;
    const { status } = await post('/api/register/', { email, password: 'benchPassword123' }, nextSource());
    if (status !== 201) throw new Error(`register answered ${status}`);
    accounts.push(email);
  }
  const plan = [];
  for (let r = 0; r < rounds; r++) {
    for (const email of accounts) plan.push(['known', email], ['unknown', `nobody-${run}-${r}-${email}`]);
  }
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }
  // CONCURRENCY requests in flight at once: each answer waits for its floor, not for the others.
  const times = { known: [], unknown: [] };
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const [kind, email] = plan[next++];
      const { status, ms } = await post('/api/password-reset/', { email }, nextSource());
      if (status !== 200) throw new Error(`reset answered ${status}`);
      times[kind].push(ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const halves = [[], []];
  times.unknown.forEach((ms) => halves[Math.random() < 0.5 ? 0 : 1].push(ms));
  const row = (kind) => `${kind.padEnd(8)} n=${times[kind].length}  p50 ${quantile(times[kind], 0.5).toFixed(3)} ms  p90 ${quantile(times[kind], 0.9).toFixed(3)} ms  mean ${mean(times[kind]).toFixed(3)} ms`;
  console.log(row('known'));
  console.log(row('unknown'));
  console.log(`difference of medians (known - unknown): ${(quantile(times.known, 0.5) - quantile(times.unknown, 0.5)).toFixed(3)} ms`);
  console.log(`noise (unknown half - unknown half):     ${(quantile(halves[0], 0.5) - quantile(halves[1], 0.5)).toFixed(3)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
