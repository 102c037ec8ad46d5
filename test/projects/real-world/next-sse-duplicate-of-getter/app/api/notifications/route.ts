import { getRedis } from '@/lib/redis';

export async function GET(request: Request) {
  const userId = new URL(request.url).searchParams.get('user') ?? 'anonymous';
  const shared = await getRedis();
  const inbox = shared.duplicate();
  await inbox.connect();
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      await inbox.subscribe(`notify:${userId}`, (message) => controller.enqueue(encoder.encode(`data: ${message}\n\n`)));
      request.signal.addEventListener('abort', () => void inbox.quit());
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}
