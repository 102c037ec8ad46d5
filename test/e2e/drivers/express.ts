import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertSuccessful, loadHandler, type DriverSession } from './types.js';

interface ExpressApp {
  listen(port: number, host: string, callback: () => void): Server;
}

/** Serves the real app on an ephemeral loopback port and sends it real HTTP requests. */
export async function open(projectDir: string): Promise<DriverSession> {
  // `default` is the app itself; loadHandler accepts it because an Express app is a function.
  const app = await loadHandler<ExpressApp & ((...args: never[]) => unknown)>(projectDir, 'app.js', 'default');
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const invocations: ((index: number) => Promise<Response>)[] = [
    () => fetch(`${origin}/visits`),
    (index) => fetch(`${origin}/session/user-${index % 10}`, { method: 'POST' }),
  ];
  return {
    async call(index) {
      const response = await invocations[index % invocations.length](index);
      assertSuccessful(`${index % 2 ? 'POST /session/:id' : 'GET /visits'}`, response.status, await response.text());
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
