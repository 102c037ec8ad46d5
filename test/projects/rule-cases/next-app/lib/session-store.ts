import { createClient } from 'redis';

export class SessionStore {
  private readonly client = createClient({ url: process.env.SESSION_URL });

  async read(id: string): Promise<string | null> {
    if (!this.client.isOpen) await this.client.connect();
    return this.client.get(`session:${id}`);
  }
}
