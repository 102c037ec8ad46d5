import Redis from 'ioredis';

export async function connectTestRedis(db = 15): Promise<Redis> {
  const redis = new Redis({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379), db, lazyConnect: true });
  await redis.connect();
  await redis.flushdb();
  return redis;
}
