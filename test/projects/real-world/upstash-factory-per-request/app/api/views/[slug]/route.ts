import { NextResponse } from 'next/server';
import { getKv } from '@/lib/kv';

export const runtime = 'edge';

export async function POST(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const kv = getKv();
  return NextResponse.json({ views: await kv.incr(`views:${slug}`) });
}
