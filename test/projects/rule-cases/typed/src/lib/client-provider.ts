import Redis from 'ioredis';

/** The client the container injects; services see only this alias. */
export type SharedClient = Redis;

export function provideClient(): SharedClient {
  return new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
}
