// The benchmarks' workload, one definition for all of them: a park of 1000 electricity meters
// in 10 enterprises, each reading five values, and the process CPU reading they report with.
import { readFile } from 'node:fs/promises';
import { telemetryTopic } from '@lingtan/schema';

export const METERS = 1000;
export const ENTERPRISES = 10;

/** The bench park's registry (plain data, as in a registry file). */
export const benchRegistry = {
  park: { id: 'bench', name: 'Benchmark park' },
  enterprises: Array.from({ length: ENTERPRISES }, (_, i) => ({ id: `ent-${i}`, name: `E${i}` })),
  meters: Array.from({ length: METERS }, (_, i) => ({ id: `m-${i}`, enterprise: `ent-${i % ENTERPRISES}`, carrier: 'electricity' as const, interval_s: 1 })),
};

/**
 * Message `j` with `perMessage` readings: meter j % METERS, its readings from round
 * (j / METERS) * perMessage on. Reading i is meter i % METERS's reading number i / METERS,
 * at device time `tsOf(i)`, with a register that grows by one per reading.
 */
export function benchMessage(j: number, perMessage: number, tsOf: (reading: number) => number): { topic: string; payload: string } {
  const meterIndex = j % METERS;
  const first = Math.floor(j / METERS) * perMessage * METERS + meterIndex;
  const reading = (i: number) =>
    `{"ts":${tsOf(i)},"values":{"power_kw":${100 + (i % 50)},"energy_import_kwh":${1000 + Math.floor(i / METERS)},"voltage_v":400,"current_a":150,"power_factor":0.95}}`;
  const payload = perMessage === 1 ? reading(first) : `{"readings":[${Array.from({ length: perMessage }, (_, q) => reading(first + q * METERS)).join(',')}]}`;
  const meter = benchRegistry.meters[meterIndex]!;
  return { topic: telemetryTopic({ park: 'bench', enterprise: meter.enterprise, meter: meter.id }), payload };
}

/** Device times one second apart per meter, the meters 1 ms apart, from `baseTs`. */
export const steadyTs = (baseTs: number) => (i: number) => baseTs + Math.floor(i / METERS) * 1000 + (i % METERS);

/**
 * CPU seconds (user + system) a process has used, from /proc/{pid}/stat fields 14 and 15
 * (proc(5), in clock ticks of 1/100 s on Linux). Unlike a rate, CPU per reading barely
 * moves when other processes share the cores.
 */
export async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
