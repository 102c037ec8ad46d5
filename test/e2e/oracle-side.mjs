// One side of a behaviour-oracle scenario, run by plain `node` in the project copy so modules load and resolve as the
// app's own runtime loads them (no test-runner loader). The parent sends each call over the IPC channel and marks it
// in MONITOR; this process only loads the entries, calls them and sends back what they answered.
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const entries = new Map();
const servers = [];
/** Every outgoing connection the app attempted, as `host:port`: the oracle's only view of connections it never made. */
const connectionAttempts = [];

// Records each attempt where every client library ends up (net and tls sockets alike), before it is made.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function recordAttempt(...args) {
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  const target = typeof first === 'object' && first !== null ? first : { port: first, host: typeof second === 'string' ? second : undefined };
  const port = Number(target.port);
  if (target.path === undefined && !servers.some((server) => server.address()?.port === port)) {
    connectionAttempts.push(`${target.host ?? 'localhost'}:${port}`);
  }
  return connect.apply(this, args);
};

async function exported(file, name) {
  const namespace = await import(pathToFileURL(path.join(root, file)).href);
  // A CommonJS module arrives as `default`; compiled from ESM (`__esModule`), its exports are that object's own.
  const commonJs = namespace.default;
  const value = commonJs?.__esModule ? commonJs[name] : (namespace[name] ?? commonJs?.[name]);
  if (value === undefined) throw new Error(`${file} has no export named ${name}`);
  return value;
}

/** Calls an Express-style handler with a request and a response that records what was sent. */
function callRoute(handler, { params = {}, query = {} } = {}) {
  return new Promise((resolve, reject) => {
    let status = 200;
    const res = {
      status(code) {
        status = code;
        return res;
      },
      json(body) {
        resolve({ status, body });
        return res;
      },
      send(body) {
        resolve({ status, body });
        return res;
      },
    };
    Promise.resolve(handler({ params, query, body: {} }, res)).catch(reject);
  });
}

/** Serves an app or `http.Server` on an ephemeral loopback port; each call is `METHOD /path`. */
async function serve(app) {
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  servers.push(server);
  const origin = `http://127.0.0.1:${server.address().port}`;
  return async (input) => {
    const [method, pathAndQuery] = input.split(' ');
    const response = await fetch(`${origin}${pathAndQuery}`, { method });
    return { status: response.status, body: await response.text() };
  };
}

async function open(driver) {
  const target = await exported(driver.file, driver.export);
  switch (driver.kind) {
    case 'route':
      return (input) => callRoute(target, input);
    case 'function':
      return async (input) => target(input);
    case 'web':
      return async (input) => {
        const response = await target(new globalThis.Request(`http://localhost${input}`));
        return { status: response.status, body: await response.text() };
      };
    case 'http':
      return serve(target);
    default:
      throw new Error(`unknown driver kind ${driver.kind}`);
  }
}

async function closeServers() {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(() => resolve()));
  }
}

async function closeSharedClient({ file, getter, close }) {
  const client = await (await exported(file, getter))();
  await client[close]();
}

async function handle(message) {
  if (message.type === 'call') {
    if (!entries.has(message.entry)) entries.set(message.entry, await open(message.driver));
    return entries.get(message.entry)(message.input);
  }
  if (message.type === 'connection-attempts') return connectionAttempts;
  await closeServers();
  if (message.closeShared) await closeSharedClient(message.closeShared);
  return null;
}

process.on('message', (message) => {
  handle(message).then(
    (answer) => process.send({ id: message.id, answer }),
    (error) => process.send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send({ ready: true });
