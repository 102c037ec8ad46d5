import Redis from 'ioredis';

export class StorageService {
  private readonly redis = new Redis(process.env.STORAGE_REDIS_URL!);

  async read(id: string): Promise<Buffer | null> {
    return this.redis.getBuffer(`file:${id}`);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
