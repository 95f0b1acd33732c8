'use strict';
({ id: 67, ids: [67], modules: {

/***/ 67:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createNotifiers: () => (/* binding */ createNotifiers),
  notify: () => (/* binding */ notify)
});

// EXTERNAL MODULE: ./src/config/interpolate.ts
var interpolate = __webpack_require__(2757);
// EXTERNAL MODULE: ./src/config/notify-schema.ts
var notify_schema = __webpack_require__(2153);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(3329);
;// CONCATENATED MODULE: ./src/notify/text.ts
/** Cut to at most `max` characters (code points kept whole), marking the cut. */
function clip(text, max) {
    const chars = Array.from(text);
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}\u2026`;
}
const eventLabels = {
    gate_failed: 'Gate failed',
    promoted: 'Promoted',
    deployed: 'Deployed',
    verify_failed: 'Verification failed',
    automatic_rollback: 'Automatic rollback',
    manual_rollback: 'Manual rollback',
};
/** The reasons as lines, with a note when some were left out. */
function reasonLines(event, maxEach) {
    const lines = event.reasons.map((r) => clip(r, maxEach));
    const more = event.reasonCount - event.reasons.length;
    return more > 0 ? [...lines, `and ${more} more (see the summary)`] : lines;
}
/** The links a message carries, present ones only. */
function eventLinks(event) {
    const links = [{ title: 'Workflow run', url: event.links.run }];
    if (event.links.summary !== event.links.run)
        links.push({ title: 'Summary', url: event.links.summary });
    return links.filter((l) => l.url !== null);
}

;// CONCATENATED MODULE: ./src/notify/slack.ts

/**
 * Slack incoming webhook, Block Kit. Limits (docs.slack.dev, Block Kit reference): header text
 * plain_text \u2264 150 characters; section text \u2264 3000; at most 10 section fields of \u2264 2000 each;
 * context \u2264 10 elements; 50 blocks per message. `text` is the notification's fallback.
 */
const slackLimits = { header: 150, sectionText: 3000, fields: 10, fieldText: 2000, contextElements: 10, blocks: 50 };
function slackMessage(event) {
    const mark = event.ok ? (event.kind === 'gate_failed' ? '\u26d4' : '\u2705') : '\ud83d\udea8';
    const reasons = reasonLines(event, 600).map((r) => `\u2022 ${slack_escape(r)}`).join('\n');
    const links = eventLinks(event).map((l) => `<${l.url}|${slack_escape(l.title)}>`).join('  \u00b7  ');
    return {
        text: clip(`${mark} ${event.title}`, slackLimits.sectionText),
        blocks: [
            { type: 'header', text: { type: 'plain_text', text: clip(`${mark} ${eventLabels[event.kind]}: ${event.model} v${event.version}`, slackLimits.header), emoji: true } },
            {
                type: 'section',
                text: { type: 'mrkdwn', text: clip(`*${slack_escape(event.title)}*${reasons ? `\n${reasons}` : ''}`, slackLimits.sectionText) },
                fields: [
                    ['Model', event.model],
                    ['Version', event.version],
                    ['Environment', event.environment],
                    ['Event', eventLabels[event.kind]],
                ].map(([name, value]) => ({ type: 'mrkdwn', text: clip(`*${name}*\n${slack_escape(value)}`, slackLimits.fieldText) })),
            },
            ...(links ? [{ type: 'section', text: { type: 'mrkdwn', text: clip(links, slackLimits.sectionText) } }] : []),
            {
                type: 'context',
                elements: [{ type: 'mrkdwn', text: clip(slack_escape(`agent-release \u00b7 ${event.repository ?? 'local run'} \u00b7 by ${event.actor} \u00b7 ${event.at}`), slackLimits.sectionText) }],
            },
        ],
    };
}
/** Slack's mrkdwn treats &, < and > as control characters. */
function slack_escape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
const slackRenderer = () => (event) => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(slackMessage(event)) });

;// CONCATENATED MODULE: ./src/notify/teams.ts

/**
 * Microsoft Teams workflow webhook ("When a Teams webhook request is received"): Workflows take
 * Adaptive Cards only, wrapped as a message with one attachment of contentType
 * application/vnd.microsoft.card.adaptive. Teams renders schema versions up to 1.5 (mobile less),
 * so the card sticks to 1.4 elements: TextBlock, FactSet, Action.OpenUrl. A message is at most 28 KB.
 */
const teamsLimits = { version: '1.4', messageBytes: 28 * 1024 };
function teamsMessage(event) {
    const reasons = reasonLines(event, 600);
    const card = {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: teamsLimits.version,
        msteams: { width: 'Full' },
        body: [
            {
                type: 'TextBlock',
                text: clip(event.title, 300),
                weight: 'Bolder',
                size: 'Medium',
                wrap: true,
                color: event.ok ? (event.kind === 'gate_failed' ? 'Warning' : 'Good') : 'Attention',
            },
            {
                type: 'FactSet',
                facts: [
                    { title: 'Event', value: eventLabels[event.kind] },
                    { title: 'Model', value: clip(event.model, 300) },
                    { title: 'Version', value: clip(event.version, 300) },
                    { title: 'Environment', value: clip(event.environment, 300) },
                ],
            },
            ...reasons.map((text) => ({ type: 'TextBlock', text: `- ${text}`, wrap: true, spacing: 'Small' })),
            { type: 'TextBlock', text: clip(`agent-release \u00b7 ${event.repository ?? 'local run'} \u00b7 by ${event.actor} \u00b7 ${event.at}`, 300), isSubtle: true, size: 'Small', wrap: true },
        ],
        actions: eventLinks(event).map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url })),
    };
    return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}
const teamsRenderer = () => (event) => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(teamsMessage(event)) });

// EXTERNAL MODULE: ./src/random-ids.ts
var random_ids = __webpack_require__(6499);
;// CONCATENATED MODULE: ./src/notify/webhook.ts

const webhookSchemaId = 'agent-release.notification/v1';
const webhookHeaders = {
    timestamp: 'x-agent-release-timestamp',
    signature: 'x-agent-release-signature',
    delivery: 'x-agent-release-delivery',
    event: 'x-agent-release-event',
};
/** The JSON body: the event in snake_case, with a delivery id a receiver can deduplicate retries by. */
function webhookBody(event, delivery) {
    return {
        schema: webhookSchemaId,
        delivery,
        event: event.kind,
        ok: event.ok,
        title: event.title,
        model: event.model,
        version: event.version,
        environment: event.environment,
        reasons: event.reasons,
        reason_count: event.reasonCount,
        links: event.links,
        repository: event.repository,
        actor: event.actor,
        at: event.at,
    };
}
/**
 * HMAC-SHA256 over "<timestamp>.<body>", hex, sent as "sha256=<hex>". The timestamp (Unix
 * seconds) is inside the signed text, so a receiver that refuses old timestamps (five minutes is
 * usual) refuses a replayed delivery, and cannot be fooled by a fresh timestamp on an old body.
 */
function webhookSignature(secret, timestamp, body) {
    return `sha256=${process.getBuiltinModule('node:crypto').createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
/**
 * Rendered once per notification: retries resend the same delivery, with the same id and
 * timestamp (the retry deadline is seconds, well inside a receiver's tolerance).
 */
const webhookRenderer = (secret) => (event, nowMs) => {
    const delivery = (0,random_ids/* randomUuid */.bX)();
    const body = JSON.stringify(webhookBody(event, delivery));
    const timestamp = String(Math.floor(nowMs / 1000));
    return {
        headers: {
            'content-type': 'application/json; charset=utf-8',
            [webhookHeaders.timestamp]: timestamp,
            [webhookHeaders.signature]: webhookSignature(secret, timestamp, body),
            [webhookHeaders.delivery]: delivery,
            [webhookHeaders.event]: event.kind,
        },
        body,
    };
};

;// CONCATENATED MODULE: ./src/notify/index.ts







/** Every notifier type, registered in one place: the config's `type` picks the format. */
function rendererFor(config) {
    switch (config.type) {
        case 'slack':
            return slackRenderer();
        case 'teams':
            return teamsRenderer();
        case 'webhook':
            return webhookRenderer(config.secret);
    }
}
/**
 * The notifiers this job can use. One whose URL or secret is a ${VAR} this job does not set is
 * left out with a reason: a rollback job must never fail for want of a webhook.
 */
function createNotifiers(configs) {
    const notifiers = [];
    const skipped = [];
    configs.forEach((config, i) => {
        const label = `notifications[${i}] (${config.type})`;
        const missing = [config.url, config.type === 'webhook' ? config.secret : ''].find(interpolate/* unresolved */.II);
        if (missing !== undefined) {
            skipped.push(`${label}: ${missing.match(/\$\{[^}]*\}/)?.[0] ?? missing} is not set in this job, so it is not notified`);
            return;
        }
        notifiers.push({
            type: config.type,
            name: `${config.type} #${i + 1} (${new URL(config.url).host})`,
            url: config.url,
            events: config.events ?? notify_schema/* releaseEventKinds */.NG,
            timeoutMs: config.timeout,
            deadlineMs: config.deadline,
            render: rendererFor(config),
        });
    });
    return { notifiers, skipped };
}
/**
 * Posts the event to every notifier that listens for it, in parallel, each with the shared
 * retrying client. Never throws: a notification reports a release, it never decides one. The
 * run's cancel signal is not passed on: the message about a cancelled rollout's rollback must go out.
 */
async function notify(event, notifiers, options) {
    const { clock, logger } = options;
    const listening = notifiers.filter((n) => n.events.includes(event.kind));
    return Promise.all(listening.map(async (notifier) => {
        try {
            const { headers, body } = notifier.render(event, clock.now());
            await (0,client/* send */.tN)({ method: 'POST', url: notifier.url, headers, body, timeoutMs: notifier.timeoutMs, maxBodyBytes: 64 * 1024 }, notifier.name, {
                clock,
                logger,
                random: options.random,
                retryOn: client/* serverErrorStatuses */.Ae,
                // A duplicate message is better than a missing one; the signed webhook carries a delivery id to deduplicate by.
                idempotent: true,
                policy: { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, deadlineMs: notifier.deadlineMs },
            });
            logger.info(`notified ${notifier.name}: ${event.kind} of ${event.model} v${event.version} in ${event.environment}`);
            return { notifier: notifier.name, event: event.kind, delivered: true };
        }
        catch (error) {
            // The transport error names the URL; the shells mask it too, but a log line should not lean on that.
            const message = (0,errors/* messageOf */.bD)(error).split(notifier.url).join('(the webhook URL)');
            logger.warn(`could not notify ${notifier.name} of ${event.kind} (${message}); the release itself is not affected`);
            return { notifier: notifier.name, event: event.kind, delivered: false, error: message };
        }
    }));
}


/***/ })

} })
