import { quoted, type CodeStyle } from './code-style.js';
import type { MovedErrorListener } from './error-listeners.js';
import { reindented, type MovedText } from './moved-text.js';

/**
 * The awaited getter that shares one node-redis (4 and later) connection, as the shared module and the move within
 * a file both write it: the connection is opened by the first call, a failed connect is forgotten so the next call
 * tries afresh, and nothing listens for 'error' until the connect has settled, so a first failure rejects at once,
 * unless the code registered its own listener before connecting, which keeps it retrying as it did.
 */
export interface ConnectingGetter {
  /** `getRedis`: what callers await. */
  getter: string;
  /** `connectRedis`: opens the connection, once per successful connect. */
  connect: string;
  /** Where the connection's promise is kept: `redisClients.redis`, `redisConnection`. */
  slot: string;
  /** The connect function's own name for the client, free of any name the construction reads. */
  client: string;
  /** The expression that builds the client, as it stood where it came from. */
  construction: MovedText;
  /** How the file it is written in indents and quotes. */
  style: CodeStyle;
  /** node-redis 5 and later close at once with `destroy()`, 4 with `disconnect()`. */
  closeAtOnce: 'destroy' | 'disconnect';
  typescript: boolean;
  /** The TypeScript type of the client for return annotations; inferred when absent. */
  clientType?: string;
  /** The construction is typed with `clientType`, which infers its generics as the call site's annotation did. */
  typedConstruction?: boolean;
  exported: boolean;
  /** The code's own 'error' listeners, registered where the original registered them relative to `connect()`. */
  errorListeners?: readonly MovedErrorListener[];
}

/** The getter and its connect function, as lines. */
export function renderConnectingGetter(spec: ConnectingGetter): string[] {
  const { getter, connect, slot, client, typescript, style } = spec;
  const { unit } = style;
  const [one, two] = [unit, unit.repeat(2)];
  const error = quoted('error', style);
  const returns = typescript && spec.clientType ? `: Promise<${spec.clientType}>` : '';
  const close = spec.closeAtOnce === 'destroy' ? `${two}${client}.destroy();` : `${two}void ${client}.disconnect().catch(() => undefined);`;
  const listeners = spec.errorListeners ?? [];
  const register = (listener: MovedErrorListener): string => `${one}${client}.${listener.method}(${error}, ${reindented(listener.handler, one, unit)});`;
  const before = listeners.filter((listener) => listener.beforeConnect);
  const after = listeners.filter((listener) => !listener.beforeConnect);
  const dropping = [
    ...(after.length === 0
      ? [`${one}${client}.on(${error}, (error${typescript ? ': unknown' : ''}) => {`, `${two}console.error(${quoted('Redis client error', style)}, error);`]
      : [...after.map(register), `${one}${client}.on(${error}, () => {`]),
    `${two}// Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.`,
    `${two}${slot} = undefined;`,
    close,
    `${one}});`,
  ];
  // A listener the code registered before connecting made it retry and reconnect; the shared client does the same.
  const why = before.length > 0
    ? "/** The code's own 'error' listener is registered before connecting, as it was: the connect retries and later errors reconnect. */"
    : "/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */";
  return [
    '/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */',
    `${spec.exported ? 'export ' : ''}function ${getter}()${returns} {`,
    `${one}${memoAssignment(slot, `${connect}()`, typescript)}`,
    `${one}return ${slot};`,
    '}',
    '',
    why,
    `async function ${connect}()${returns} {`,
    `${one}const ${client}${typescript && spec.typedConstruction && spec.clientType ? `: ${spec.clientType}` : ''} = ${reindented(spec.construction, one, unit)};`,
    ...before.map(register),
    `${one}try {`,
    `${two}await ${client}.connect();`,
    `${one}} catch (error) {`,
    `${two}${slot} = undefined;`,
    `${two}throw error;`,
    `${one}}`,
    ...(before.length > 0 ? after.map(register) : dropping),
    `${one}return ${client};`,
    '}',
  ];
}

/**
 * `slot ??= value;` in TypeScript, which compiles it for its target; in JavaScript, which runs as written (Node 14
 * and older lack `??=`), `if (!slot) slot = value;`: the slot holds a client or a promise, never a falsy value.
 */
export function memoAssignment(slot: string, value: string, typescript: boolean): string {
  return typescript ? `${slot} ??= ${value};` : `if (!${slot}) ${slot} = ${value};`;
}
