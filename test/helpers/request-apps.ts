/**
 * Two tiny "apps" for the watch tests, each serving simulated requests with real ioredis clients:
 * one builds a client per request (the bug), one shares a single client (the fix). The per-request
 * app counts the connections it really opened, so the watch's figures can be checked against it.
 */
import { Redis } from 'ioredis';

async function serve(requests: number, concurrency: number, handle: (request: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests) await handle(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
}

/**
 * Serves `requests` with a new client each (a PING, so any cluster node can answer), holding each connection for
 * `workMs` as a request's own work would; resolves with the number of connections opened.
 */
export async function perRequestApp(url: string, requests: number, concurrency = 10, workMs = 0): Promise<number> {
  let opened = 0;
  await serve(requests, concurrency, async () => {
    const redis = new Redis(url);
    redis.on('connect', () => opened++);
    try {
      await redis.ping();
      if (workMs > 0) await new Promise((resolve) => setTimeout(resolve, workMs));
    } finally {
      await redis.quit();
    }
  });
  return opened;
}

/** Serves `requests` through the one client it is given. */
export async function sharedClientApp(redis: Redis, requests: number, concurrency = 10): Promise<void> {
  await serve(requests, concurrency, async () => {
    await redis.incr('hits');
  });
}
