import { describeTimeSeriesStoreContract } from '../testing/contract.js';
import { createMemoryStore } from './memory-store.js';

describeTimeSeriesStoreContract('memory', () => {
  const store = createMemoryStore();
  return Promise.resolve({ store, dispose: () => store.close() });
});
