/** Where search snapshots live in their bucket, shared by the S3 adapter and the CDK grants (no SDK imports). */
export const SNAPSHOT_PREFIX = 'search-snapshots/';
