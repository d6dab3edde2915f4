// The baseline for the ingestor benchmark: subscribe (QoS 1), parse, batch, write. No
// validation against the registry, no spool, no deltas, no durability: what the hardware
// gives a pipeline that does nothing else.
import { connectMqtt } from '@lingtan/runtime';
import { parseTelemetryPayload, parseTelemetryTopic } from '@lingtan/schema';
import { createInfluxStore } from '@lingtan/store';
import type { TelemetryPoint } from '@lingtan/store';

const store = createInfluxStore({ url: process.env.LINGTAN_INFLUX_URL!, database: process.env.LINGTAN_INFLUX_DB!, timeoutMs: 30_000 });
await store.init();
const client = await connectMqtt({ url: process.env.LINGTAN_MQTT_URL!, clientId: 'bench-bare', clean: false });
let batch: TelemetryPoint[] = [];
let writing = Promise.resolve();
const flush = () => {
  const points = batch;
  batch = [];
  writing = writing.then(() => store.write(points));
};
setInterval(() => batch.length > 0 && flush(), 100);
client.on('message', (topic, payload) => {
  const address = parseTelemetryTopic(topic);
  const parsed = parseTelemetryPayload(payload);
  if (!address.ok || !parsed.ok) return;
  for (const r of parsed.readings) {
    batch.push({ park: address.address.park, enterprise: address.address.enterprise, meter: address.address.meter, carrier: 'electricity', tsMs: r.tsMs, values: r.values });
  }
  if (batch.length >= 5000) flush();
});
await client.subscribeAsync('ems/v1/+/+/+/telemetry', { qos: 1 });
process.stdout.write('bare pipeline running\n');
