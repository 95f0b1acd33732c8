import fc from 'fast-check';
import { z } from 'zod';
import { slackMessage } from '../../src/notify/slack';
import { teamsMessage } from '../../src/notify/teams';
import { reasonLimit, type ReleaseEvent } from '../../src/notify/types';
import { webhookBody, webhookSignature } from '../../src/notify/webhook';
import { releaseEventKinds } from '../../src/config/notify-schema';

// Each format's documented schema, written from the vendors' references (not from the renderer),
// strict so that a field the service does not know fails too.

/** Slack Block Kit (docs.slack.dev/reference/block-kit): the blocks and limits a message may use. */
const slackText = (max: number) =>
  z.union([
    z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() }),
    z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max), verbatim: z.boolean().optional() }),
  ]);
const slackBlock = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), text: z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(150), emoji: z.boolean().optional() }) }),
  z
    .strictObject({ type: z.literal('section'), text: slackText(3000).optional(), fields: z.array(slackText(2000)).min(1).max(10).optional() })
    .refine((s) => s.text !== undefined || s.fields !== undefined, 'a section needs text or fields'),
  z.strictObject({ type: z.literal('context'), elements: z.array(slackText(3000)).min(1).max(10) }),
  z.strictObject({ type: z.literal('divider') }),
]);
const slackSchema = z.strictObject({ text: z.string().min(1).max(40_000), blocks: z.array(slackBlock).min(1).max(50) });

/** Adaptive Card 1.4 (adaptivecards.io/explorer) in the envelope Teams workflow webhooks take. */
const spacing = z.enum(['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding']);
const cardElement = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('TextBlock'),
    text: z.string().min(1),
    wrap: z.boolean().optional(),
    weight: z.enum(['Default', 'Lighter', 'Bolder']).optional(),
    size: z.enum(['Default', 'Small', 'Medium', 'Large', 'ExtraLarge']).optional(),
    color: z.enum(['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention']).optional(),
    isSubtle: z.boolean().optional(),
    spacing: spacing.optional(),
  }),
  z.strictObject({ type: z.literal('FactSet'), facts: z.array(z.strictObject({ title: z.string().min(1), value: z.string().min(1) })).min(1) }),
]);
const adaptiveCard = z.strictObject({
  $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
  type: z.literal('AdaptiveCard'),
  // Teams renders up to 1.5; a Workflows card must not ask for more.
  version: z.enum(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5']),
  msteams: z.strictObject({ width: z.literal('Full') }).optional(),
  body: z.array(cardElement).min(1),
  actions: z.array(z.strictObject({ type: z.literal('Action.OpenUrl'), title: z.string().min(1), url: z.url() })).optional(),
});
const teamsSchema = z.strictObject({
  type: z.literal('message'),
  attachments: z.tuple([z.strictObject({ contentType: z.literal('application/vnd.microsoft.card.adaptive'), contentUrl: z.null(), content: adaptiveCard })]),
});

const event = (overrides: Partial<ReleaseEvent> = {}): ReleaseEvent => ({
  kind: 'automatic_rollback',
  ok: true,
  title: 'support-agent v3 rolled back automatically in production',
  model: 'main.agents.support_agent',
  version: '3',
  environment: 'production',
  reasons: ['analysis failed at step 2 of 3 (50%): error_rate = 0.2 is above the maximum 0.05', 'rolled back: v2 serves again'],
  reasonCount: 2,
  links: { run: 'https://github.com/acme/agent/actions/runs/7', summary: 'https://github.com/acme/agent/actions/runs/7/attempts/1#summary-42' },
  repository: 'acme/agent',
  actor: 'octocat',
  at: '2026-12-06T09:00:00.000Z',
  ...overrides,
});

const anyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5000 });
const anyEvent = fc.record({
  kind: fc.constantFrom(...releaseEventKinds),
  ok: fc.boolean(),
  title: anyText,
  model: anyText,
  version: fc.string({ minLength: 1, maxLength: 300 }),
  environment: anyText,
  reasons: fc.array(anyText, { maxLength: reasonLimit }),
  extra: fc.nat(50),
  run: fc.option(fc.webUrl()),
  summary: fc.option(fc.webUrl()),
  repository: fc.option(anyText),
  actor: anyText,
}).map((e): ReleaseEvent => ({ ...e, reasonCount: e.reasons.length + e.extra, links: { run: e.run, summary: e.summary }, at: '2026-12-06T09:00:00.000Z' }));

describe('notification formats against their documented schemas', () => {
  it('Slack: a Block Kit message with a fallback text, the facts as fields and the links', () => {
    const message = slackMessage(event());
    expect(slackSchema.safeParse(message).error?.issues).toBeUndefined();
    const text = JSON.stringify(message);
    for (const fact of ['main.agents.support_agent', '*Version*\\n3', 'production', 'Automatic rollback', 'error_rate = 0.2 is above the maximum 0.05']) expect(text).toContain(fact);
    expect(text).toContain('<https://github.com/acme/agent/actions/runs/7|Workflow run>');
    expect(text).toContain('<https://github.com/acme/agent/actions/runs/7/attempts/1#summary-42|Summary>');
  });

  it("Slack: <, > and & in reasons are escaped, so a reason cannot forge a link or a mention", () => {
    const message = JSON.stringify(slackMessage(event({ reasons: ['p95 <https://evil|click> & <!channel>'], reasonCount: 1 })));
    expect(message).toContain('p95 &lt;https://evil|click&gt; &amp; &lt;!channel&gt;');
  });

  it('Teams: an Adaptive Card 1.4 in a message with one attachment, under 28 KB', () => {
    const message = teamsMessage(event({ ok: false }));
    expect(teamsSchema.safeParse(message).error?.issues).toBeUndefined();
    const card = (message as { attachments: [{ content: { body: { type: string; color?: string; facts?: unknown }[]; actions: unknown } }] }).attachments[0].content;
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
    expect(card.body[1]?.facts).toEqual([
      { title: 'Event', value: 'Automatic rollback' },
      { title: 'Model', value: 'main.agents.support_agent' },
      { title: 'Version', value: '3' },
      { title: 'Environment', value: 'production' },
    ]);
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Workflow run', url: 'https://github.com/acme/agent/actions/runs/7' },
      { type: 'Action.OpenUrl', title: 'Summary', url: 'https://github.com/acme/agent/actions/runs/7/attempts/1#summary-42' },
    ]);
  });

  it('every event, however long or odd its text, stays inside every limit', () => {
    fc.assert(
      fc.property(anyEvent, (e) => {
        expect(slackSchema.safeParse(slackMessage(e)).error?.issues).toBeUndefined();
        const teams = JSON.stringify(teamsMessage(e));
        expect(teamsSchema.safeParse(JSON.parse(teams)).error?.issues).toBeUndefined();
        expect(Buffer.byteLength(teams)).toBeLessThanOrEqual(28 * 1024);
      }),
      { numRuns: 300 },
    );
  });

  it('the generic webhook: a versioned JSON body and an HMAC-SHA256 over "<timestamp>.<body>"', () => {
    const body = webhookBody(event({ reasons: ['a', 'b', 'c'], reasonCount: 5 }), 'd-1');
    expect(body).toMatchObject({ schema: 'agent-release.notification/v1', delivery: 'd-1', event: 'automatic_rollback', reasons: ['a', 'b', 'c'], reason_count: 5, model: 'main.agents.support_agent', version: '3', environment: 'production' });
    // Known-answer value computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac k
    expect(webhookSignature('k', '1700000000', '{"a":1}')).toBe('sha256=1b6ad1bc9bf48c52ce01939866d5877c6cc4e87ddad27e16673cb8c4964394a3');
  });
});
