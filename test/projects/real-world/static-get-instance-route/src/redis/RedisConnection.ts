import Redis from 'ioredis';

export class RedisConnection {
  private static instance?: RedisConnection;
  readonly client: Redis;

  private constructor() {
    this.client = new Redis(process.env.REDIS_URL!, { enableReadyCheck: true });
  }

  static getInstance(): RedisConnection {
    if (!RedisConnection.instance) {
      RedisConnection.instance = new RedisConnection();
    }
    return RedisConnection.instance;
  }
}
