/** Reads `INFO` text (`field:value` lines under `# Section` headings). */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith('#')) continue;
    fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** What one server's `INFO` says about its connections. */
export interface NodeCounters {
  /** `run_id`: a new one means the server restarted and its counters began again at zero. */
  runId: string;
  connectedClients: number;
  /** `maxclients` (INFO clients since Redis 7.0), undefined on older servers. */
  maxClients: number | undefined;
  blockedClients: number;
  totalConnectionsReceived: number;
  rejectedConnections: number;
  clusterEnabled: boolean;
}

function numberField(fields: Map<string, string>, name: string): number {
  const value = Number(fields.get(name));
  if (!Number.isFinite(value)) throw new Error(`INFO has no numeric field ${name}`);
  return value;
}

export function nodeCounters(infoText: string): NodeCounters {
  const fields = parseInfo(infoText);
  const maxClients = Number(fields.get('maxclients'));
  return {
    runId: fields.get('run_id') ?? '',
    connectedClients: numberField(fields, 'connected_clients'),
    maxClients: Number.isFinite(maxClients) && fields.has('maxclients') ? maxClients : undefined,
    blockedClients: numberField(fields, 'blocked_clients'),
    totalConnectionsReceived: numberField(fields, 'total_connections_received'),
    rejectedConnections: numberField(fields, 'rejected_connections'),
    clusterEnabled: fields.get('cluster_enabled') === '1',
  };
}
