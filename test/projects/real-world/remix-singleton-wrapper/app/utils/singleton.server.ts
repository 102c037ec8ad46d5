// Kept on globalThis so the dev server's module reloads find the value again.
export function singleton<Value>(name: string, create: () => Value): Value {
  const holder = globalThis as unknown as { __singletons?: Record<string, unknown> };
  holder.__singletons ??= {};
  holder.__singletons[name] ??= create();
  return holder.__singletons[name] as Value;
}
