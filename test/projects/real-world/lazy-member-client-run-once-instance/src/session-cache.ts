import { createClient } from 'redis';

export class SessionCache {
  private client?: ReturnType<typeof createClient>;

  private async connection() {
    if (!this.client) {
      this.client = createClient({ url: process.env.SESSION_REDIS_URL });
      await this.client.connect();
    }
    return this.client;
  }

  async read(id: string) {
    return (await this.connection()).get(`session:${id}`);
  }
}
