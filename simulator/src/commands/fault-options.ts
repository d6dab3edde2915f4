import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parse as parseYaml } from 'yaml';
import type { FaultEvent } from '../fault-injector.js';
import type { FaultSpec } from '../fault-spec.js';
import { parseFaultOption, parseFaults } from '../fault-spec.js';

/** Options for `parseArgs`, shared by the commands that inject faults. */
export const FAULT_OPTIONS = {
  faults: { type: 'string' },
  fault: { type: 'string', multiple: true },
  'fault-log': { type: 'string' },
} as const;

/** Help text for `FAULT_OPTIONS`. */
export const FAULT_HELP = `  --faults FILE           faults to inject (YAML: faults: [{kind, meters, rate | at | from/to,
                          duration_s, ...}]); kinds: dropout, outage, duplicate, out_of_order,
                          register_reset, meter_replacement, rollover, stuck, spike,
                          clock_skew, malformed, oversized, unknown_meter
  --fault KIND:RATE       a fleet-wide fault with a probability per reading, repeatable
                          (e.g. --fault dropout:0.01 --fault spike:0.001)
  --fault-log FILE        write every injected fault as NDJSON (kind, meter, topic, tsMs,
                          seq, rejectCode, detail)`;

/** The faults of `--faults FILE` and each `--fault`. */
export async function loadFaultOptions(values: { faults?: string | undefined; fault?: string[] | undefined }): Promise<FaultSpec[]> {
  const specs: FaultSpec[] = [];
  if (values.faults !== undefined) {
    let text: string;
    try {
      text = await readFile(values.faults, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${values.faults}: ${(error as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (error) {
      throw new Error(`${values.faults} is not valid YAML: ${(error as Error).message}`);
    }
    specs.push(...parseFaults(raw, values.faults));
  }
  for (const option of values.fault ?? []) specs.push(parseFaultOption(option));
  return specs;
}

/** An NDJSON fault log, or nothing when no path is given. */
export function openFaultLog(path: string | undefined): { write: (event: FaultEvent) => void; close: () => Promise<void> } {
  if (path === undefined) return { write: () => undefined, close: () => Promise.resolve() };
  const file = createWriteStream(path);
  return {
    write: (event) => file.write(`${JSON.stringify(event)}\n`),
    close: async () => {
      file.end();
      await finished(file);
    },
  };
}
