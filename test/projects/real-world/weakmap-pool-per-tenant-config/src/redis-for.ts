import Redis from 'ioredis';
import type { TenantConfig } from './tenants';

const clients = new WeakMap<TenantConfig, Redis>();

export function redisFor(tenant: TenantConfig): Redis {
  let client = clients.get(tenant);
  if (client === undefined) {
    client = new Redis(tenant.redisUrl);
    clients.set(tenant, client);
  }
  return client;
}
