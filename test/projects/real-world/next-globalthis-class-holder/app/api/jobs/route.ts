import { NextResponse } from 'next/server';
import { jobStore } from '@/lib/store';

export async function POST(request: Request) {
  const length = await jobStore.enqueue(await request.json());
  return NextResponse.json({ queued: length }, { status: 202 });
}
