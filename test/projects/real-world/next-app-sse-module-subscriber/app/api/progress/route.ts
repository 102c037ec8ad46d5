import redis from '@/lib/redis';

let listener: ReturnType<typeof redis.duplicate>;

export async function GET() {
  listener = redis.duplicate();
  await listener.connect();
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      await listener.pSubscribe('jobs:*', (message) => controller.enqueue(encoder.encode(`data: ${message}\n\n`)));
    },
    cancel() {
      void listener.quit();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}
