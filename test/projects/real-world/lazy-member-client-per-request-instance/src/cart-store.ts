import { createClient } from 'redis';

export class CartStore {
  private client?: ReturnType<typeof createClient>;

  private async connection() {
    if (!this.client) {
      this.client = createClient({ url: process.env.CART_REDIS_URL });
      await this.client.connect();
    }
    return this.client;
  }

  async items(cartId: string) {
    return (await this.connection()).lRange(`cart:${cartId}`, 0, -1);
  }
}
