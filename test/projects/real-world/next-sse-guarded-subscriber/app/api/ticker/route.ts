import type Redis from 'ioredis';
import { redis } from '@/lib/redis';

const listeners = new Set<(price: string) => void>();
let subscriber: Redis | undefined;

export async function GET() {
  if (!subscriber) {
    subscriber = redis.duplicate();
    await subscriber.subscribe('prices');
    subscriber.on('message', (_channel, price) => listeners.forEach((listener) => listener(price)));
  }
  const encoder = new TextEncoder();
  let send: ((price: string) => void) | undefined;
  const stream = new ReadableStream({
    start(controller) {
      send = (price) => controller.enqueue(encoder.encode(`data: ${price}\n\n`));
      listeners.add(send);
    },
    cancel() {
      if (send) listeners.delete(send);
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}
