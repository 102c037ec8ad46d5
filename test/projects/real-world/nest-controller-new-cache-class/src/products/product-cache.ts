import Redis from 'ioredis';

export class ProductCache {
  private readonly redis = new Redis(process.env.REDIS_URL!, { keyPrefix: 'product:' });

  async find(id: string): Promise<Record<string, string>> {
    return this.redis.hgetall(id);
  }
}
