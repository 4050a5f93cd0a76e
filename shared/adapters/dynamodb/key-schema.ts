/** The single table's key design, shared by the adapter, the local bootstrap and the CDK stack (no SDK imports). */

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'ttl';

/** Item keys per entity; every item also carries `entity` naming its type. */
export const keys = {
  entry: (id: string) => ({ pk: `ENTRY#${id}`, sk: 'ENTRY' }),
  audit: (id: string, version: number) => ({ pk: `ENTRY#${id}`, sk: `AUDIT#${String(version).padStart(10, '0')}` }),
  referral: (id: string) => ({ pk: `REFERRAL#${id}`, sk: 'REFERRAL' }),
  idempotency: (subject: string, key: string) => ({ pk: `IDEMPOTENCY#${subject}#${key}`, sk: 'IDEMPOTENCY' }),
} as const;
