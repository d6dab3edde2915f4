import { createHmac } from 'node:crypto';
import { alertMessageZh, recommendationZh } from '@lingtan/schema';
import type { AlertEvent, Receiver } from '@lingtan/schema';

/** One HTTP POST to a receiver. */
export interface Delivery {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const SEVERITY_ZH: Record<AlertEvent['severity'], string> = { critical: '紧急', major: '重要', minor: '次要', warning: '警告', info: '提示' };
const TYPE_ZH: Record<AlertEvent['type'], string> = { raised: '告警', updated: '持续', acknowledged: '已确认', cleared: '已恢复' };

/** The HMAC-SHA256 signature of a JSON delivery: over `{timestamp}.{body}`, hex. */
export function signJson(secret: string, timestampMs: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
}

/** DingTalk robot signing: base64 HMAC-SHA256 of `{timestamp}\n{secret}` with the secret. */
export function signDingTalk(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Several events for one receiver at once, sent as one message (see `Notifier`). */
export interface Digest {
  readonly digest: readonly AlertEvent[];
}

/** The JSON body of a digest: the events in order, with how many. */
export function digestJson(d: Digest): { v: 1; type: 'digest'; count: number; events: readonly AlertEvent[] } {
  return { v: 1, type: 'digest', count: d.digest.length, events: d.digest };
}

/** Lines of a digest shown in robot messages; the rest are counted. */
const DIGEST_LINES = 20;

/** A digest in Chinese: one line per event (title and local time), the first 20 of them. */
export function markdownOfDigest(d: Digest, timeZone: string): { title: string; text: string } {
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone, timeStyle: 'medium', hourCycle: 'h23' });
  const worst = [...d.digest].sort((a, b) => SEVERITIES_ORDER.indexOf(a.severity) - SEVERITIES_ORDER.indexOf(b.severity))[0];
  const title = `【告警汇总】${d.digest.length} 条告警${worst === undefined ? '' : `，最高 ${SEVERITY_ZH[worst.severity]}`}`;
  const lines = [`### ${title}`, ...d.digest.slice(0, DIGEST_LINES).map((e) => `- ${time.format(e.atMs)} 【${SEVERITY_ZH[e.severity]}·${TYPE_ZH[e.type]}】${alertMessageZh(e)}`)];
  if (d.digest.length > DIGEST_LINES) lines.push(`- …及另外 ${d.digest.length - DIGEST_LINES} 条`);
  return { title, text: lines.join('\n') };
}

const SEVERITIES_ORDER: readonly AlertEvent['severity'][] = ['critical', 'major', 'minor', 'warning', 'info'];

/** A person's summary of the event, in Chinese with the park's local time (the message from its code's zh-CN template). */
export function markdownOf(event: AlertEvent, timeZone: string): { title: string; text: string } {
  const at = new Intl.DateTimeFormat('zh-CN', { timeZone, dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(event.atMs);
  const title = `【${SEVERITY_ZH[event.severity]}·${TYPE_ZH[event.type]}】${alertMessageZh(event)}`;
  const lines = [`### ${title}`, `- 计量点 meter: ${event.meter}`, `- 时间 time: ${at}`, `- 次数 count: ${event.count} (第 ${event.occurrence} 次发生)`];
  if (event.value !== undefined) lines.push(`- 数值 value: ${event.value}`);
  if (event.recommendation !== undefined) lines.push(`- 建议 action: ${recommendationZh(event.recommendation)}`);
  lines.push(`- 告警 alert: ${event.alertId}`);
  return { title, text: lines.join('\n') };
}

/** Build the POST for `receiver` (one event or a digest): signed JSON, a DingTalk or a WeCom robot message. */
export function formatDelivery(receiver: Receiver, event: AlertEvent | Digest, nowMs: number, timeZone: string): Delivery {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const markdown = () => ('digest' in event ? markdownOfDigest(event, timeZone) : markdownOf(event, timeZone));
  switch (receiver.format) {
    case 'json': {
      const body = JSON.stringify('digest' in event ? digestJson(event) : event);
      const signed: Record<string, string> = receiver.secret === undefined ? {} : { 'x-lingtan-timestamp': String(nowMs), 'x-lingtan-signature': `sha256=${signJson(receiver.secret, nowMs, body)}` };
      return { url: receiver.url, body, headers: { ...json, ...signed } };
    }
    case 'dingtalk': {
      const url = new URL(receiver.url);
      if (receiver.secret !== undefined) {
        url.searchParams.set('timestamp', String(nowMs));
        url.searchParams.set('sign', signDingTalk(receiver.secret, nowMs));
      }
      return { url: url.toString(), body: JSON.stringify({ msgtype: 'markdown', markdown: markdown() }), headers: json };
    }
    case 'wecom':
      return { url: receiver.url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown().text } }), headers: json };
  }
}
