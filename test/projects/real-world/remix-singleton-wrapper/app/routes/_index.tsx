import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { redis } from '~/utils/redis.server';

export async function loader() {
  const [cursor, keys] = await redis.scan('0', 'COUNT', 50);
  return json({ cursor, keys });
}

export default function Index() {
  const { keys } = useLoaderData<typeof loader>();
  return <ul>{keys.map((key) => <li key={key}>{key}</li>)}</ul>;
}
