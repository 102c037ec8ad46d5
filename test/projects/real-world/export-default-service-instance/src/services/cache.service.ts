import Redis from 'ioredis';

class CacheService {
  private readonly client = new Redis(process.env.REDIS_URL!);

  async remember<T>(key: string, seconds: number, load: () => Promise<T>): Promise<T> {
    const hit = await this.client.get(key);
    if (hit) return JSON.parse(hit) as T;
    const value = await load();
    await this.client.set(key, JSON.stringify(value), 'EX', seconds);
    return value;
  }
}

export default new CacheService();
