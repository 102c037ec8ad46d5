import Redis from 'ioredis';

export async function createRedisConnection(): Promise<Redis> {
  const connection = new Redis(process.env.REDIS_URL!, { lazyConnect: true });
  await connection.connect();
  return connection;
}
