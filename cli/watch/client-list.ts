/**
 * `CLIENT LIST` as the watch needs it: who is connected (library, name, source address) and how
 * young each connection is, so churn can be traced to the application that causes it.
 */

export interface ListedClient {
  id: string;
  /** Source IP without the port: the port changes with every connection, the host does not. */
  address: string;
  /** `lib-name` (Redis 7.2+, set by the client library), '' when unknown. */
  library: string;
  /** `name` set with CLIENT SETNAME, '' when none. */
  name: string;
  ageSeconds: number;
}

export interface ClientGroup {
  address: string;
  library: string;
  name: string;
  connections: number;
  /** Connections younger than the sampler's young age. */
  young: number;
}

function hostOf(addr: string): string {
  const colon = addr.lastIndexOf(':');
  const host = colon === -1 ? addr : addr.slice(0, colon);
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** One `key=value …` line per client; `name` is the only field that may hold spaces only at the end. */
export function parseClientList(text: string): ListedClient[] {
  const clients: ListedClient[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields = new Map<string, string>();
    for (const pair of line.trim().split(' ')) {
      const equals = pair.indexOf('=');
      if (equals > 0) fields.set(pair.slice(0, equals), pair.slice(equals + 1));
    }
    clients.push({
      id: fields.get('id') ?? '',
      address: hostOf(fields.get('addr') ?? ''),
      library: fields.get('lib-name') ?? '',
      name: fields.get('name') ?? '',
      ageSeconds: Number(fields.get('age') ?? 0),
    });
  }
  return clients;
}

const groupKey = (group: ClientGroup): string => `${group.address}\0${group.library}\0${group.name}`;

const mostYoungFirst = (a: ClientGroup, b: ClientGroup): number =>
  b.young - a.young || b.connections - a.connections || a.address.localeCompare(b.address);

/** Groups clients by source address, library and name; the groups with most young connections first. */
export function groupClients(clients: readonly ListedClient[], youngAgeSeconds: number): ClientGroup[] {
  return mergeGroups(
    [],
    clients.map(({ address, library, name, ageSeconds }) => ({
      address, library, name, connections: 1, young: ageSeconds < youngAgeSeconds ? 1 : 0,
    })),
  );
}

/** Adds `more` into `total`, group by group (the nodes of a cluster, or the samples of a whole watch). */
export function mergeGroups(total: readonly ClientGroup[], more: readonly ClientGroup[]): ClientGroup[] {
  const merged = new Map<string, ClientGroup>();
  for (const group of [...total, ...more]) {
    const existing = merged.get(groupKey(group));
    if (existing) {
      existing.connections += group.connections;
      existing.young += group.young;
    } else {
      merged.set(groupKey(group), { ...group });
    }
  }
  return [...merged.values()].sort(mostYoungFirst);
}

/** `10.0.3.7 (ioredis) name=api`: how a group reads in the terminal and the verdict. */
export function describeGroup(group: Pick<ClientGroup, 'address' | 'library' | 'name'>): string {
  return [group.address || 'unknown address', group.library && `(${group.library})`, group.name && `name=${group.name}`]
    .filter(Boolean)
    .join(' ');
}
