import type { ConstructionInfo } from '../types.js';

/** Where a client is built: the construction a report at a call elsewhere points to. */
export interface ClientOrigin {
  /** Absolute path of the file that builds the client. */
  file: string;
  line: number;
  /** 1-based, as editors count. */
  column: number;
  info: ConstructionInfo;
}

/** What an export of a module does with Redis connections, seen from the code that imports it. */
export type ExportFact =
  /** The export is a long-lived client: `export const redis = new Redis()`. */
  | { kind: 'instance'; origin: ClientOrigin }
  /** Calling the export returns a long-lived client: a memoised `getRedis()`. */
  | { kind: 'instanceGetter'; origin: ClientOrigin }
  /**
   * Every call of the export opens a connection; `problem` when that connection cannot be shared, `readsParameters`
   * when its options come from what the caller passes (so the caller's arguments decide whether it can move).
   */
  | { kind: 'factory'; origin: ClientOrigin; problem?: string; readsParameters: boolean; parameterReason?: string }
  /** Every `new` of the exported class opens a connection. */
  | { kind: 'class'; origin: ClientOrigin; problem?: string; readsParameters: boolean; parameterReason?: string }
  /** The export calls its callback at most once: `singleton('redis', () => createClient())`. */
  | { kind: 'onceWrapper' };

export interface ModuleSummary {
  file: string;
  /** Facts by export name; `default` for the default export and `module.exports`, `cache.get` for an exported object's method. */
  exports: ReadonlyMap<string, ExportFact>;
}

export const EMPTY_EXPORTS: ReadonlyMap<string, ExportFact> = new Map();
