// Alert delivery to real HTTP receivers on 127.0.0.1: signatures verify, failures are
// retried, and nothing reaches another owner's receiver.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { Metrics, silentLogger } from '@lingtan/runtime';
import { alertMessageOf, alertSummaryOf, alertText, receiverSchema } from '@lingtan/schema';
import type { AlertEvent } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notifier, fetchPost } from '../src/notify/notifier.js';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];
/** Status codes to answer per path, in order; then 200. */
const script = new Map<string, number[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const status = script.get(path.split('?')[0]!)?.shift() ?? 200;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const T = Date.parse('2026-11-22T09:30:00+08:00');
const event = (patch: Partial<AlertEvent> = {}): AlertEvent => ({
  v: 1,
  eventId: 'a1:1',
  type: 'raised',
  atMs: T,
  alertId: 'a1',
  key: 'tx-load/m-1',
  ruleId: 'tx-load',
  kind: 'threshold',
  severity: 'major',
  park: 'p',
  owner: { scope: 'enterprise', id: 'ent-a' },
  meter: 'm-1',
  state: 'active',
  firstSeenMs: T,
  lastSeenMs: T,
  occurrence: 1,
  count: 1,
  message: '负载率高: m-1: load_rate_pct 95 above 90 for 120 s',
  value: 95,
  ...patch,
});

function notifier(receivers: unknown[], metrics = new Metrics(), digestMinEvents?: number): Notifier {
  const n = new Notifier({ logger: silentLogger, metrics, nowMs: () => T, post: fetchPost, timeZone: 'Asia/Shanghai', retryDelaysMs: [10, 10] });
  n.setReceivers(
    receivers.map((r) => receiverSchema.parse(r)),
    digestMinEvents,
  );
  return n;
}

const SECRET = 'a-shared-secret-of-ent-a';

describe('alert notifications', () => {
  it("delivers signed JSON to the owner's receiver only", async () => {
    received.length = 0;
    const n = notifier([
      { id: 'a-hook', owner: 'ent-a', url: `${base}/a`, secret: SECRET },
      { id: 'b-hook', owner: 'ent-b', url: `${base}/b`, secret: 'b-shared-secret-0123' },
      { id: 'park-hook', owner: 'park', url: `${base}/park` },
    ]);
    n.notify(event());
    n.notify(event({ alertId: 'a2', owner: { scope: 'park', id: 'p' } }));
    await n.idle();
    expect(received.map((r) => r.path).sort()).toEqual(['/a', '/park']);
    const a = received.find((r) => r.path === '/a')!;
    // The receiver recomputes HMAC-SHA256 over "{timestamp}.{body}" with its secret.
    const expected = createHmac('sha256', SECRET).update(`${String(a.headers['x-lingtan-timestamp'])}.${a.body}`).digest('hex');
    expect(a.headers['x-lingtan-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(a.body)).toMatchObject({ alertId: 'a1', owner: { id: 'ent-a' } });
  });

  it('retries a receiver that answers 500 and stops on a 400', async () => {
    received.length = 0;
    script.set('/flaky', [500, 503]);
    script.set('/broken', [400]);
    const metrics = new Metrics();
    const n = notifier([{ id: 'flaky', owner: 'ent-a', url: `${base}/flaky` }, { id: 'broken', owner: 'ent-a', url: `${base}/broken` }], metrics);
    n.notify(event());
    await n.idle();
    expect(received.filter((r) => r.path === '/flaky')).toHaveLength(3); // 500, 503, then 200
    expect(received.filter((r) => r.path === '/broken')).toHaveLength(1);
    expect(metrics.count('rules_notifications_total', { receiver: 'flaky', outcome: 'delivered' })).toBe(1);
    expect(metrics.count('rules_notifications_total', { receiver: 'broken', outcome: 'failed' })).toBe(1);
  });

  it('sends DingTalk and WeCom robot messages, signing the DingTalk URL', async () => {
    received.length = 0;
    const n = notifier([
      { id: 'ding', owner: 'ent-a', format: 'dingtalk', url: `${base}/robot/send?access_token=t`, secret: 'SEC-dingtalk-secret' },
      { id: 'wecom', owner: 'ent-a', format: 'wecom', url: `${base}/cgi-bin/webhook/send?key=k` },
    ]);
    n.notify(event());
    await n.idle();
    const ding = received.find((r) => r.path.startsWith('/robot'))!;
    const url = new URL(ding.path, base);
    // DingTalk: sign = base64(HMAC-SHA256("{timestamp}\n{secret}")), URL-encoded in the query.
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SEC-dingtalk-secret').update(`${url.searchParams.get('timestamp')}\nSEC-dingtalk-secret`).digest('base64'));
    expect(JSON.parse(ding.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('【重要·告警】') as unknown } });
    expect((JSON.parse(ding.body) as { markdown: { text: string } }).markdown.text).toContain('2026/11/22 09:30:00');
    const wecom = received.find((r) => r.path.startsWith('/cgi-bin'))!;
    expect(JSON.parse(wecom.body)).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('m-1') as unknown } });
  });

  it('writes robot messages in Chinese from the alert code, the JSON receiver keeping the English and the code', async () => {
    received.length = 0;
    const n = notifier([
      { id: 'ding', owner: 'ent-a', format: 'dingtalk', url: `${base}/robot/send?access_token=t` },
      { id: 'json', owner: 'ent-a', format: 'json', url: `${base}/hook`, secret: SECRET },
    ]);
    const fields = alertMessageOf('负载率高', 'm-1', alertText('threshold.held', { quantity: 'load_rate_pct', value: 95, op: 'above', limit: 90, heldS: 120 }));
    n.notify(event({ ...fields, recommendation: { ...alertSummaryOf(alertText('stuck.check_meter', { quantity: 'load_rate_pct' })), actions: [] } }));
    await n.idle();
    const ding = JSON.parse(received.find((r) => r.path.startsWith('/robot'))!.body) as { markdown: { title: string; text: string } };
    // The zh-CN template of threshold.held, with the quantity and the operator in words.
    expect(ding.markdown.title).toBe('【重要·告警】负载率高：m-1：负载率 95，高于 90，已持续 120 秒');
    expect(ding.markdown.text).toContain('- 建议 action: 检查计量点及其传感器或网关：负载率 没有变化');
    const json = JSON.parse(received.find((r) => r.path === '/hook')!.body) as { message: string; messageCode: string };
    expect(json).toMatchObject({ message: '负载率高: m-1: load_rate_pct 95 above 90 for 120 s', messageCode: 'threshold.held' });
  });

  it('filters by severity and event type, and limits each receiver per minute', async () => {
    received.length = 0;
    const metrics = new Metrics();
    const n = notifier([{ id: 'limited', owner: 'ent-a', url: `${base}/limited`, min_severity: 'major', max_per_minute: 2 }], metrics);
    n.notify(event({ severity: 'info' })); // below major
    n.notify(event({ type: 'updated' })); // not in the default events (raised, cleared)
    for (let i = 0; i < 3; i++) n.notify(event({ alertId: `x${i}` }));
    await n.idle();
    expect(received).toHaveLength(2);
    expect(metrics.count('rules_notifications_total', { receiver: 'limited', outcome: 'rate_limited' })).toBe(1);
  });

  it('sends one digest when many alerts fire for a receiver at once, counted once against its limit', async () => {
    // 6 meters of ent-a go offline in one tick, plus one alert of ent-b: with digests from 5 events,
    // ent-a's receiver gets one signed digest of 6 (one of its 2 per minute), ent-b's one plain event.
    received.length = 0;
    const metrics = new Metrics();
    const n = notifier(
      [
        { id: 'a-hook', owner: 'ent-a', url: `${base}/a-digest`, secret: SECRET, max_per_minute: 2 },
        { id: 'a-robot', owner: 'ent-a', format: 'wecom', url: `${base}/wecom-digest` },
        { id: 'b-hook', owner: 'ent-b', url: `${base}/b-single` },
      ],
      metrics,
      5,
    );
    const burst = Array.from({ length: 6 }, (_, i) => event({ alertId: `off${i}`, meter: `m-${i}`, kind: 'offline', message: `计量点离线: m-${i}: no reading for 45 s` }));
    n.notifyAll([...burst, event({ alertId: 'b1', owner: { scope: 'enterprise', id: 'ent-b' } })]);
    await n.idle();
    expect(received.map((r) => r.path).sort()).toEqual(['/a-digest', '/b-single', '/wecom-digest']);
    const digest = received.find((r) => r.path === '/a-digest')!;
    const ts = digest.headers['x-lingtan-timestamp'] as string;
    expect(digest.headers['x-lingtan-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${digest.body}`).digest('hex')}`);
    const body = JSON.parse(digest.body) as { type: string; count: number; events: AlertEvent[] };
    expect([body.type, body.count, body.events.map((e) => e.alertId)]).toEqual(['digest', 6, ['off0', 'off1', 'off2', 'off3', 'off4', 'off5']]);
    const wecom = JSON.parse(received.find((r) => r.path === '/wecom-digest')!.body) as { markdown: { content: string } };
    expect(wecom.markdown.content).toContain('【告警汇总】6 条告警，最高 重要');
    expect(wecom.markdown.content.split('\n').filter((l) => l.includes('计量点离线'))).toHaveLength(6);
    expect(JSON.parse(received.find((r) => r.path === '/b-single')!.body)).toMatchObject({ alertId: 'b1' });
    expect(metrics.count('rules_notification_digests_total', { receiver: 'a-hook' })).toBe(1);
    // The digest used one of a-hook's two deliveries this minute: one more goes out, the next is limited.
    n.notify(event({ alertId: 'later1' }));
    n.notify(event({ alertId: 'later2' }));
    await n.idle();
    expect(metrics.count('rules_notifications_total', { receiver: 'a-hook', outcome: 'rate_limited' })).toBe(1);
  });
});
