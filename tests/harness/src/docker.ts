import { request } from 'node:http';

/** True when a Docker engine answers on its socket (DOCKER_HOST or /var/run/docker.sock). */
export function dockerEngineAnswers(timeoutMs = 1000): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : host === undefined ? '/var/run/docker.sock' : undefined;
  const target = socketPath !== undefined ? { socketPath } : { host: new URL(host!.replace(/^tcp:/, 'http:')).hostname, port: Number(new URL(host!.replace(/^tcp:/, 'http:')).port || 2375) };
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}
