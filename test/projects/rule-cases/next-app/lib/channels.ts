import type Redis from 'ioredis';

/** Subscribes the given connection and forwards each message. */
export async function listen(subscriber: Redis, channels: string[], forward: (message: string) => void): Promise<void> {
  subscriber.on('message', (_channel, message) => forward(message));
  await subscriber.subscribe(...channels);
}
