// A stand-in agent served from its own Node process (started by metrics-agent.ts): it answers
// any request except GET /metrics with a small JSON reply, and exports Prometheus text format
// (exposition format 0.0.4) with a request counter {version, code} and a latency histogram
// {version}. Behaviour comes from argv[2] as JSON: { version, errorRate, latenciesMs }.
// Errors and delays are deterministic (request n fails when floor(n*rate) steps up; delays
// cycle through latenciesMs) so a test asserts exact counts rather than probabilities. The
// histogram observes the configured service time, not the wall clock: on a loaded CI machine
// the timer fires late by a varying amount, and a test must not depend on that.
// Plain JavaScript because Node 20 cannot run TypeScript files directly.
import http from 'node:http';

const behaviour = JSON.parse(process.argv[2] ?? '{}');
const version = String(behaviour.version ?? '1');
const errorRate = Number(behaviour.errorRate ?? 0);
const latenciesMs = Array.isArray(behaviour.latenciesMs) && behaviour.latenciesMs.length > 0 ? behaviour.latenciesMs.map(Number) : [5];
const bucketBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Both codes exist from the start at 0, as client libraries recommend, so that increase()
// over the error series has a first sample and "no errors yet" reads as 0, not as no data.
const requestsByCode = new Map([['200', 0], ['500', 0]]);
const bucketCounts = bucketBounds.map(() => 0);
let durationSum = 0;
let durationCount = 0;
let received = 0;

const label = (value) => String(value).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function exposition() {
  const v = `version="${label(version)}"`;
  const lines = [
    '# HELP agent_requests_total Requests answered, by agent version and HTTP status code.',
    '# TYPE agent_requests_total counter',
    ...[...requestsByCode].map(([code, n]) => `agent_requests_total{${v},code="${code}"} ${n}`),
    '# HELP agent_request_duration_seconds Time to answer a request, by agent version.',
    '# TYPE agent_request_duration_seconds histogram',
    ...bucketBounds.map((le, i) => `agent_request_duration_seconds_bucket{${v},le="${le}"} ${bucketCounts[i]}`),
    `agent_request_duration_seconds_bucket{${v},le="+Inf"} ${durationCount}`,
    `agent_request_duration_seconds_sum{${v}} ${durationSum}`,
    `agent_request_duration_seconds_count{${v}} ${durationCount}`,
  ];
  return `${lines.join('\n')}\n`;
}

function observe(code, seconds) {
  requestsByCode.set(code, (requestsByCode.get(code) ?? 0) + 1);
  bucketBounds.forEach((le, i) => {
    if (seconds <= le) bucketCounts[i] += 1;
  });
  durationSum += seconds;
  durationCount += 1;
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(exposition());
    return;
  }
  req.resume();
  req.on('end', () => {
    const n = ++received;
    const fails = Math.floor(n * errorRate) > Math.floor((n - 1) * errorRate);
    const delay = latenciesMs[(n - 1) % latenciesMs.length];
    setTimeout(() => {
      const code = fails ? '500' : '200';
      observe(code, delay / 1000);
      res.writeHead(Number(code), { 'content-type': 'application/json' });
      res.end(JSON.stringify(fails ? { error: 'injected failure', version } : { answer: `v${version} answered request ${n}`, version }));
    }, delay);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: server.address().port })}\n`);
});

// The parent holds our stdin: when it goes away (even killed), so do we; no stray agents.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
