import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { addLike } from '~/lib/likes.server';

export async function action({ params }: ActionFunctionArgs) {
  const likes = await addLike(params.id!);
  return json({ likes });
}

export default function Post() {
  return (
    <form method="post">
      <button type="submit">Like</button>
    </form>
  );
}
