// Broker ceiling (not a test): how many QoS 1 messages per second the test harness's
// Mosquitto carries from one publisher to one subscriber on this machine, and its CPU per
// message, with the lean publisher and subscriber (so the clients take little of the cores).
//   npx tsx services/ingestor/bench/broker.ts [messages=200000] [readings-per-message=1]
import { readFile } from 'node:fs/promises';
import { startMosquitto } from '@lingtan/harness';
import { connectLeanPublisher, connectLeanSubscriber } from './lean-publisher.js';

const TOTAL = Number(process.argv[2] ?? 200_000);
const PER_MESSAGE = Number(process.argv[3] ?? 1);

async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const broker = await startMosquitto();
try {
  let received = 0;
  let allReceived: () => void = () => {};
  const done = new Promise<void>((r) => (allReceived = r));
  const subscriber = await connectLeanSubscriber(broker.url, 'bench-sub', 'ems/v1/+/+/+/telemetry', (n) => {
    received += n;
    if (received >= TOTAL) allReceived();
  });
  const publisher = await connectLeanPublisher(broker.url, 'bench-pub');
  const reading = (i: number) => `{"ts":${1764547200000 + i},"values":{"power_kw":${100 + (i % 50)},"energy_import_kwh":${1000 + i},"voltage_v":400,"current_a":150,"power_factor":0.95}}`;
  const payload = (i: number) => (PER_MESSAGE === 1 ? reading(i) : `{"readings":[${Array.from({ length: PER_MESSAGE }, (_, q) => reading(i * PER_MESSAGE + q)).join(',')}]}`);
  // A broker of your own (other settings): LINGTAN_TEST_MQTT_URL=mqtt://127.0.0.1:PORT LINGTAN_BENCH_BROKER_PID=PID.
  const brokerPid = broker.pid ?? (process.env.LINGTAN_BENCH_BROKER_PID === undefined ? undefined : Number(process.env.LINGTAN_BENCH_BROKER_PID));
  const cpuBefore = await cpuSeconds(brokerPid);
  const own = process.cpuUsage();
  const started = performance.now();
  await publisher.run(TOTAL, (i) => ({ topic: `ems/v1/bench/ent-${i % 10}/m-${i % 1000}/telemetry`, payload: payload(i) }), { window: 2000 });
  await done;
  const seconds = (performance.now() - started) / 1000;
  const brokerUs = (((await cpuSeconds(brokerPid)) - cpuBefore) * 1e6) / TOTAL;
  const { user, system } = process.cpuUsage(own);
  process.stdout.write(
    `mosquitto, 1 publisher -> 1 subscriber, QoS 1, ${PER_MESSAGE} reading(s) per message: ${Math.round(TOTAL / seconds)} messages/s (${Math.round((TOTAL * PER_MESSAGE) / seconds)} readings/s); mosquitto ${brokerUs.toFixed(1)} us CPU per message, clients ${((user + system) / TOTAL).toFixed(1)} us\n`,
  );
  await publisher.end();
  await subscriber.end();
} finally {
  await broker.stop();
}
