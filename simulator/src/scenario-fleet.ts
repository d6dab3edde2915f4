import type { FleetPlan } from './fleet.js';
import { createParkModel } from './park-model.js';
import type { Scenario } from './scenario.js';
import { toRegistry } from './scenario.js';
import { createScenarioMeterModel } from './scenario-meters.js';

/** What to simulate of a scenario: as a `FleetPlan`, without the registry (the scenario's). */
export type ScenarioRunOptions = Omit<FleetPlan, 'registry' | 'createModel'>;

/**
 * The fleet plan of a scenario's park: the scenario's registry, and meters driven by its
 * profiles, calendar, weather, sun and storage strategy. The same scenario, seed and
 * start give the same messages, byte for byte.
 */
export function scenarioFleetPlan(scenario: Scenario, options: ScenarioRunOptions): FleetPlan {
  const park = createParkModel(scenario, options.seed);
  return { ...options, registry: toRegistry(scenario), createModel: (meter, seed) => createScenarioMeterModel(park, meter, seed) };
}
