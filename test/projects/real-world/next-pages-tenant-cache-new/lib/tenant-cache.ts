import Redis from 'ioredis';

export default class TenantCache {
  readonly client: Redis;

  constructor(tenant: string) {
    this.client = new Redis(process.env.REDIS_URL!, { keyPrefix: `${tenant}:` });
  }
}
