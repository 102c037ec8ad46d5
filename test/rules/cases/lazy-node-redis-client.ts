/**
 * The text a node-redis client moved within its file becomes: a module-level connection promise behind a getter,
 * connected on the first call, with no 'error' listener until that connect has settled unless the code registered
 * its own before connecting.
 */
export interface LazyNodeRedisClient {
  /** `client` gives `clientConnection`, `getClient()` and `connectClient()`. */
  name: string;
  /** The expression that builds the client, as written at the call site. */
  construction: string;
  typescript?: boolean;
  /** The connect function's name for the client when `client` is read by the construction. */
  local?: string;
  close?: 'disconnect' | 'destroy';
  /** The code's own 'error' listener, registered before connect() as the code did. */
  listener?: string;
  /** The codemod in a hot-reloading framework's package: the connection is kept on globalThis under `key`. */
  hotReload?: { framework: string; key: string };
}

export function lazyNodeRedisClient({ name, construction, typescript = false, local = 'client', close = 'disconnect', listener, hotReload }: LazyNodeRedisClient): string {
  const capitalised = `${name[0].toUpperCase()}${name.slice(1)}`;
  const slot = hotReload ? `globalForRedis.${hotReload.key}` : `${name}Connection`;
  const declaration = hotReload
    ? `// ${hotReload.framework} development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis${typescript ? ` as unknown as { ${hotReload.key}?: ReturnType<typeof connect${capitalised}> }` : ''};`
    : `let ${slot}${typescript ? `: ReturnType<typeof connect${capitalised}> | undefined` : ''};`;
  // The code's listener was registered before connect(): it stays there, and no dropping listener is added.
  const why =
    listener === undefined
      ? "/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */"
      : "/** The code's own 'error' listener is registered before connecting, as it was: the connect retries and later errors reconnect. */";
  const registered = listener === undefined ? '' : `  ${local}.on('error', ${listener});\n`;
  const dropping =
    listener === undefined
      ? `  ${local}.on('error', (error${typescript ? ': unknown' : ''}) => {
    console.error('Redis client error', error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    ${slot} = undefined;
    ${close === 'destroy' ? `${local}.destroy();` : `void ${local}.disconnect().catch(() => undefined);`}
  });
`
      : '';
  return `// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
${declaration}

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function get${capitalised}() {
  ${typescript ? `${slot} ??= connect${capitalised}();` : `if (!${slot}) ${slot} = connect${capitalised}();`}
  return ${slot};
}

${why}
async function connect${capitalised}() {
  const ${local} = ${construction};
${registered}  try {
    await ${local}.connect();
  } catch (error) {
    ${slot} = undefined;
    throw error;
  }
${dropping}  return ${local};
}
`;
}
