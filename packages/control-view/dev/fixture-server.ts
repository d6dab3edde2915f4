// A stand-in for services/gateway while it is being built: serves the control view's dist/,
// fakes the REST routes of the contract and a socket.io `/live` namespace that sends the
// demo park's summaries once a second. Run: pnpm exec tsx packages/control-view/dev/fixture-server.ts
// Env: FIXTURE_PORT (default 5180; 0 = any free port). Prints "fixture server listening on <url>".
// Test hooks (POST, no auth): /__fixture/alert {enterprise, severity, message}, /__fixture/freeze
// {frozen}, /__fixture/drop (disconnects every socket: the view must reconnect and re-join),
// /__fixture/silence {meter, silent} (one meter stops reporting). Sessions are signed
// (FIXTURE_SESSION_KEY), so a restart on the same port keeps the page signed in.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Alert, LiveClientToServer, LiveServerToClient, Principal } from '@lingtan/schema';
import type { Server as IoServer } from 'socket.io';
import { type FixtureRegistry, meterUpdate, parkSummary, enterpriseSummary } from './fixture-data.js';
import { FixtureApi, USERS } from './fixture-api.js';
import { serveStatic } from './fixture-static.js';

// socket.io and yaml are the gateway's dependencies, not the view's (the browser bundle must
// not carry them); this dev tool borrows them from there rather than adding them here.
const gatewayRequire = createRequire(fileURLToPath(new URL('../../../services/gateway/package.json', import.meta.url)));
const { Server } = gatewayRequire('socket.io') as { Server: typeof IoServer };
const YAML = gatewayRequire('yaml') as { parse: (text: string) => unknown };

const REGISTRY_FILE = fileURLToPath(new URL('../../../config/registry.demo.yaml', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const reg = YAML.parse(readFileSync(REGISTRY_FILE, 'utf8')) as FixtureRegistry;
const api = new FixtureApi(reg);

const http = createServer((req, res) => {
  void api.handle(req, res).then((handled) => {
    if (!handled) serveStatic(DIST, req, res);
  });
});

const io = new Server<LiveClientToServer, LiveServerToClient, Record<string, never>, { principal: Principal }>(http, { serveClient: false });
const live = io.of('/live');
live.use((socket, next) => {
  const p = api.principalOfCookie(socket.handshake.headers.cookie);
  if (p === null) {
    next(new Error('unauthorized'));
    return;
  }
  socket.data.principal = p;
  next();
});
live.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    const p = socket.data.principal;
    const meterEnt = room.kind === 'meter' ? reg.meters.find((m) => m.id === room.meter)?.enterprise : undefined;
    const ent = room.kind === 'enterprise' ? room.enterprise : meterEnt;
    if (room.kind === 'meter' && meterEnt === undefined) return ack({ ok: false, code: 'not_found', message: `no meter ${room.meter}` });
    if (p.role === 'enterprise_user' && (room.kind === 'park' || ent !== p.enterprise)) return ack({ ok: false, code: 'forbidden', message: 'not your enterprise' });
    const name = room.kind === 'park' ? 'park' : room.kind === 'enterprise' ? `enterprise:${room.enterprise}` : `meter:${room.meter}`;
    void socket.join(name);
    ack({ ok: true, room: name });
    const now = Date.now();
    if (room.kind === 'park') socket.emit('park:summary', parkSummary(reg, now, api.alerts.values(), api.deadLetters, api.frozenMs));
    if (room.kind === 'enterprise') socket.emit('enterprise:summary', enterpriseSummary(reg, room.enterprise, now, api.openAlertsOf(room.enterprise), api.frozenMs));
    if (room.kind === 'meter' && !api.isSilent(room.meter) && api.frozenMs === null) socket.emit('meters:update', [meterUpdate(reg, room.meter, now)]);
    return undefined;
  });
  socket.on('leave', (room, ack) => {
    const name = room.kind === 'park' ? 'park' : room.kind === 'enterprise' ? `enterprise:${room.enterprise}` : `meter:${room.meter}`;
    void socket.leave(name);
    ack({ ok: true, room: name });
  });
});

api.onAlert = (event) => {
  live.to('park').to(`enterprise:${event.owner.id}`).emit('alert', event);
};
api.onDrop = () => live.disconnectSockets(true);

setInterval(() => {
  const now = Date.now();
  const rooms = live.adapter.rooms;
  live.to('park').emit('park:summary', parkSummary(reg, now, api.alerts.values(), api.deadLetters, api.frozenMs));
  for (const name of rooms.keys()) {
    if (name.startsWith('enterprise:')) {
      const id = name.slice('enterprise:'.length);
      live.to(name).emit('enterprise:summary', enterpriseSummary(reg, id, now, api.openAlertsOf(id), api.frozenMs));
    } else if (name.startsWith('meter:') && api.frozenMs === null) {
      const id = name.slice('meter:'.length);
      if (!api.isSilent(id)) live.to(name).emit('meters:update', [meterUpdate(reg, id, now)]);
    }
  }
}, 1000).unref();

const port = Number(process.env.FIXTURE_PORT ?? '5180');
http.listen(port, '127.0.0.1', () => {
  const addr = http.address() as AddressInfo;
  console.log(`fixture server listening on http://127.0.0.1:${addr.port} (users: ${USERS.map((u) => u.username).join(', ')}; password "lingtan")`);
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void io.close(() => process.exit(0)));

export type { Alert };
