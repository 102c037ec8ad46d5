import { createClient, type RedisClientType } from 'redis';

export class FeedCache {
  private readonly client: RedisClientType;

  constructor() {
    this.client = createClient({ url: process.env.FEED_REDIS_URL });
  }

  async latest(userId: string): Promise<string[]> {
    if (!this.client.isOpen) await this.client.connect();
    return this.client.lRange(`feed:${userId}`, 0, 49);
  }
}
