export interface TenantConfig {
  name: string;
  redisUrl: string;
}

export const tenants: readonly TenantConfig[] = [
  { name: 'north', redisUrl: 'redis://10.0.0.5:6379' },
  { name: 'south', redisUrl: 'redis://10.0.0.6:6379' },
];
