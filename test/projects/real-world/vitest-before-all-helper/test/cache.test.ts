import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestRedis } from './helpers/redis';

describe('cache keys', () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = await connectTestRedis();
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('stores a value', async () => {
    await redis.set('greeting', 'hello');
    expect(await redis.get('greeting')).toBe('hello');
  });
});
