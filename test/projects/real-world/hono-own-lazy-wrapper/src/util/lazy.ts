/** The first call runs `create`; every later call returns what it returned. */
export function lazy<T>(create: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = create();
      done = true;
    }
    return value;
  };
}
