export { startInfluxdb } from './influxdb.js';
export { startMosquitto } from './mosquitto.js';
export { startRedis } from './redis.js';
export { LocalProcess, findBinary } from './local-process.js';
export { freePort, waitFor } from './ports.js';
export type { RunningService } from './service.js';
export { dockerEngineAnswers } from './docker.js';
export { REPO_ROOT, startNodeService } from './node-service.js';
