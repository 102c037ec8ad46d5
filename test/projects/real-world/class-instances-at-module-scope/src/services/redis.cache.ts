import { createClient, type RedisClientType } from 'redis';

class RedisCache {
  public client: RedisClientType;

  constructor() {
    this.client = createClient({ url: process.env.REDIS });
    this.client.on('error', (err) => console.log('Redis Client Error', err));
    void this.client.connect();
  }
}

export default RedisCache;
