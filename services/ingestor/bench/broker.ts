// Broker ceiling (not a test): how many QoS 1 messages per second the test harness's
// Mosquitto carries from one publisher to one subscriber on this machine, and its CPU per
// message, with the lean publisher and subscriber (so the clients take little of the cores).
//   npx tsx services/ingestor/bench/broker.ts [messages=200000] [readings-per-message=1]
import { startMosquitto } from '@lingtan/harness';
import { connectLeanPublisher, connectLeanSubscriber } from './lean-publisher.js';
import { benchMessage, cpuSeconds, steadyTs } from './workload.js';

const TOTAL = Number(process.argv[2] ?? 200_000);
const PER_MESSAGE = Number(process.argv[3] ?? 1);

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
  const tsOf = steadyTs(Date.now());
  // A broker of your own (other settings): LINGTAN_TEST_MQTT_URL=mqtt://127.0.0.1:PORT LINGTAN_BENCH_BROKER_PID=PID.
  const brokerPid = broker.pid ?? (process.env.LINGTAN_BENCH_BROKER_PID === undefined ? undefined : Number(process.env.LINGTAN_BENCH_BROKER_PID));
  const cpuBefore = await cpuSeconds(brokerPid);
  const own = process.cpuUsage();
  const started = performance.now();
  await publisher.run(TOTAL, (j) => benchMessage(j, PER_MESSAGE, tsOf), { window: 2000 });
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
