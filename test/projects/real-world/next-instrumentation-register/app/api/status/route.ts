import { NextResponse } from 'next/server';
import { holder } from '../../../lib/redis';

export async function GET() {
  return NextResponse.json({ redis: holder.client ? await holder.client.ping() : 'not connected' });
}
