export interface Tenant {
  id: string;
  redisUrl: string;
}

const tenants: Record<string, Tenant> = JSON.parse(process.env.TENANTS ?? '{}');

export function tenantOf(host: string | undefined): Tenant | undefined {
  return host ? tenants[host] : undefined;
}
