import Redis from 'ioredis';

export class JobStore {
  private readonly redis: Redis;

  constructor() {
    this.redis = new Redis(process.env.REDIS_URL!);
  }

  enqueue(payload: unknown) {
    return this.redis.rpush('jobs', JSON.stringify(payload));
  }
}
