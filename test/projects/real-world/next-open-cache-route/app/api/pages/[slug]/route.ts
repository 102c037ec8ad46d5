import { NextResponse } from 'next/server';
import { DEFAULT_TTL, openCache } from '@/lib/cache/client';

export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const cache = await openCache();
  try {
    const html = await cache.get(slug);
    if (html) return new NextResponse(html, { headers: { 'x-cache': 'hit' } });
    const fresh = `<h1>${slug}</h1>`;
    await cache.set(slug, fresh, 'EX', DEFAULT_TTL);
    return new NextResponse(fresh);
  } finally {
    await cache.quit();
  }
}
