import type { SharedClient } from './lib/client-provider.js';

export class EventsController {
  constructor(private readonly redis: SharedClient) {}

  async stream(channel: string) {
    const subscriber = this.redis.duplicate();
    await subscriber.subscribe(channel);
    return subscriber;
  }
}
