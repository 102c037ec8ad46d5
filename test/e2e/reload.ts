/**
 * Simulated hot reload: `node --import tsx test/e2e/reload.ts <moduleFile> <redis|getRedis> <times>`.
 * Evaluates the shared module `times` times as fresh module instances in this one process, as a
 * dev server's reload does, and sends one command through the client each instance exports.
 * Each instance is a copy of the file beside it: a new path is a new entry in both the ESM and
 * the CommonJS module cache (a query string would not bypass the CommonJS one).
 * Prints `{ instances, distinctClients, replies }` and exits.
 */
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface PingableClient {
  ping(): Promise<string>;
}

async function clientOf(namespace: Record<string, unknown>, exportName: string): Promise<PingableClient> {
  // CommonJS modules (TypeScript outside `"type": "module"`) arrive wrapped in `default`.
  const exported = namespace[exportName] ?? (namespace.default as Record<string, unknown> | undefined)?.[exportName];
  // `getRedis()` (node-redis) resolves to the connected client; `redis` (ioredis) is the client.
  const client = typeof exported === 'function' ? await (exported as () => Promise<unknown>)() : exported;
  if (!client || typeof (client as PingableClient).ping !== 'function') {
    throw new Error(`the shared module's export ${exportName} is not a Redis client (got ${typeof client})`);
  }
  return client as PingableClient;
}

async function main(): Promise<void> {
  const [moduleFile, exportName, timesArg] = process.argv.slice(2);
  const times = Number(timesArg);
  if (!moduleFile || !exportName || !(times > 0)) {
    throw new Error('usage: reload.ts <moduleFile> <exportName> <times>');
  }
  const namespaces = new Set<unknown>();
  const clients = new Set<PingableClient>();
  const replies: string[] = [];
  const { dir, name, ext } = path.parse(path.resolve(moduleFile));
  for (let reload = 1; reload <= times; reload++) {
    const copy = path.join(dir, `${name}.reload-${reload}${ext}`);
    await copyFile(path.join(dir, `${name}${ext}`), copy);
    let namespace: Record<string, unknown>;
    try {
      namespace = (await import(pathToFileURL(copy).href)) as Record<string, unknown>;
    } finally {
      await rm(copy, { force: true });
    }
    namespaces.add(namespace);
    const client = await clientOf(namespace, exportName);
    clients.add(client);
    replies.push(await client.ping());
  }
  const result = { instances: namespaces.size, distinctClients: clients.size, replies: [...new Set(replies)] };
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`, () =>
    process.exit(2),
  );
});
