// The rules service as its own process (main.ts) against a real Mosquitto, following changes
// of its registry file without a restart: a meter added to an enterprise comes under the
// enterprise's rule, a meter removed has its open alerts cleared with the reason, and a rule
// naming a meter the registry lacks is dropped (not the whole service) until the meter is back.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, freePort, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt, writeRegistryFile } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { alertEventSchema, alertsTopic, readingsTopic, registrySchema } from '@lingtan/schema';
import type { AlertEvent, Registry } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const meter = (id: string) => ({ id, enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 });
const base: Registry = registrySchema.parse({ park: { id: 'rr-park', name: 'Rules registry park' }, enterprises: [{ id: 'ent-a', name: 'A' }], meters: [meter('a-1')] });
const withA2: Registry = registrySchema.parse({ ...base, meters: [meter('a-1'), meter('a-2')] });

// a-power: every meter of ent-a above 100 kW (raised at once, cleared at 95 kW or less);
// a2-only names a-2, which the registry does not have at start.
const RULES = `
version: 1
flap_window_ms: 0
rules:
  - { id: a-power, kind: threshold, severity: major, subject: { enterprise: ent-a }, quantity: power_kw, op: above, value: 100, min_duration_ms: 0, hysteresis: 5 }
  - { id: a2-only, kind: threshold, severity: minor, subject: { meters: [a-2] }, quantity: power_kw, op: above, value: 200, min_duration_ms: 0, hysteresis: 5 }
`;

let broker: RunningService;
let dir: string;
let registryPath: string;
let rules: LocalProcess;
let client: MqttClient;
let opsPort: number;
const events: AlertEvent[] = [];
const T0 = Date.now() - 3_600_000;

beforeAll(async () => {
  broker = await startMosquitto();
  dir = await mkdtemp(join(tmpdir(), 'lingtan-rules-registry-'));
  registryPath = join(dir, 'registry.yaml');
  await writeRegistryFile(registryPath, base);
  await writeFile(join(dir, 'rules.yaml'), RULES);
  opsPort = await freePort();
  client = await connectMqtt({ url: broker.url, clientId: 'rr-rules-observer' });
  await client.subscribeAsync(alertsTopic('rr-park'), { qos: 1 });
  client.on('message', (_topic, payload) => events.push(alertEventSchema.parse(JSON.parse(payload.toString()))));
  rules = await startNodeService({
    name: 'rules',
    entry: join(REPO_ROOT, 'services/rules/src/main.ts'),
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_STORE: 'embedded',
      LINGTAN_DATA_DIR: join(dir, 'data'),
      LINGTAN_REGISTRY: registryPath,
      LINGTAN_REGISTRY_POLL_MS: '100',
      LINGTAN_RULES_FILE: join(dir, 'rules.yaml'),
      LINGTAN_RULES_HTTP_PORT: String(opsPort),
      LINGTAN_RULES_CLIENT_ID: 'rr-rules',
      LINGTAN_RULES_EVALUATE_INTERVAL_MS: '200',
    },
    readyText: 'rules running',
  });
});

afterAll(async () => {
  await rules?.stop();
  await client?.endAsync();
  await broker?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const power = (m: string, tsS: number, kw: number) =>
  client.publishAsync(readingsTopic('rr-park', 'ent-a'), JSON.stringify({ v: 1, park: 'rr-park', enterprise: 'ent-a', readings: [{ m, c: 'electricity', ts: T0 + tsS * 1000, rx: Date.now(), v: { power_kw: kw } }] }), { qos: 1 });

interface Health {
  readonly checks: { readonly registry: { readonly detail: { readonly revision: number } }; readonly rules: { readonly detail: { readonly running: number; readonly dropped: readonly { ruleId: string; problems: string[] }[] } } };
}
const health = async (): Promise<Health> => (await (await fetch(`http://127.0.0.1:${opsPort}/healthz`)).json()) as Health;
const revision = async () => (await health()).checks.registry.detail.revision;
const of = (ruleId: string, meterId: string) => events.filter((e) => e.ruleId === ruleId && e.meter === meterId);

describe('rules service following its registry file (real Mosquitto, main.ts)', () => {
  it('starts with the rule naming an unknown meter dropped, and the enterprise rule running', async () => {
    const { rules: r } = (await health()).checks;
    expect(r.detail.running).toBe(1);
    expect(r.detail.dropped).toEqual([{ ruleId: 'a2-only', problems: ['rules.1 (a2-only): meter "a-2" is not in the registry'] }]);
    expect(rules.log).toContain('rule dropped');
    await power('a-1', 0, 150);
    await waitFor('a-1 raised', () => Promise.resolve(of('a-power', 'a-1').length === 1), 10_000);
  });

  it('a meter added to the enterprise in the registry file starts raising its rule; the dropped rule runs again', async () => {
    await power('a-2', 1, 250);
    await writeRegistryFile(registryPath, withA2);
    await waitFor('revision 2', async () => (await revision()) === 2, 10_000);
    // The reading sent before the change was not the registry's: nothing was raised on it.
    expect(of('a-power', 'a-2')).toEqual([]);
    expect((await health()).checks.rules.detail).toEqual({ running: 2, dropped: [] });

    await power('a-2', 2, 250);
    await waitFor('a-2 raised by both rules', () => Promise.resolve(of('a-power', 'a-2').length === 1 && of('a2-only', 'a-2').length === 1), 10_000);
    expect(of('a-power', 'a-2')[0]).toMatchObject({ type: 'raised', owner: { scope: 'enterprise', id: 'ent-a' }, value: 250 });
    // a-1's alert was neither raised again nor cleared by the change.
    expect(of('a-power', 'a-1').map((e) => e.type)).toEqual(['raised']);
  });

  it('a meter removed from the registry file has its open alerts cleared with the reason', async () => {
    await writeRegistryFile(registryPath, base);
    await waitFor('revision 3', async () => (await revision()) === 3, 10_000);
    await waitFor('a-2 alerts cleared', () => Promise.resolve(of('a-power', 'a-2').length === 2 && of('a2-only', 'a-2').length === 2), 10_000);
    for (const ruleId of ['a-power', 'a2-only']) {
      expect(of(ruleId, 'a-2')[1]).toMatchObject({ type: 'cleared', state: 'cleared', alertId: of(ruleId, 'a-2')[0]!.alertId, cleared: { by: 'system', reason: 'subject_removed' } });
    }
    expect((await health()).checks.rules.detail.dropped.map((d) => d.ruleId)).toEqual(['a2-only']);
    // a-1 untouched: its alert is still open and clears by its condition.
    expect(of('a-power', 'a-1').map((e) => e.type)).toEqual(['raised']);
    await power('a-1', 3, 90);
    await waitFor('a-1 cleared by condition', () => Promise.resolve(of('a-power', 'a-1').length === 2), 10_000);
    expect(of('a-power', 'a-1')[1]).toMatchObject({ type: 'cleared', cleared: { by: 'condition' } });
  });
});
