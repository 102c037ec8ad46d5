import { openStore } from '$lib/store';

export const post = async ({ request }) => {
  const form = await request.formData();
  const store = await openStore();
  const id = Math.random().toString(36).slice(2, 8);
  await store.set(`link:${id}`, String(form.get('url')));
  return { status: 201, body: { id } };
};
