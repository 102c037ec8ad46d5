/** An in-memory stand-in with the few commands the demo needs; no server involved. */
export function createClient() {
  const store = new Map<string, string>();
  return {
    async get(key: string) {
      return store.get(key) ?? null;
    },
    async set(key: string, value: string) {
      store.set(key, value);
      return 'OK';
    },
    duplicate() {
      return createClient();
    },
  };
}
