// The deploy and rollback command in agent-release.yml. agent-release runs it with the version to
// serve in AGENT_RELEASE_VERSION (empty when a rollback has no earlier version to go back to).
// Swap this for `kubectl set image ...`, `helm upgrade ...` or a call to your gateway.
const router = process.env.QUICKSTART_ROUTER_URL;
const version = process.env.AGENT_RELEASE_VERSION ?? '';
const model = process.env.AGENT_RELEASE_MODEL ?? 'the model';

if (!router) {
  console.error('QUICKSTART_ROUTER_URL is not set; run the demo with `npm run demo`');
  process.exit(2);
}

const res = await fetch(`${router}/admin/active`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ version }),
});
const body = await res.json().catch(() => ({}));
if (!res.ok) {
  console.error(`router refused: HTTP ${res.status} ${JSON.stringify(body)}`);
  process.exit(1);
}
const was = body.previous ? `v${body.previous}` : 'nothing';
console.log(version ? `router now sends ${model} traffic to v${version} (was ${was})` : `router route for ${model} withdrawn (was ${was}); it answers 503`);
