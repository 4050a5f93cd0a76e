/**
 * Owns what a deployment is told through CDK context (stage, region, the referral notices' sender,
 * the referrals' retention period, who receives alarms), its validation, and the per-stage policies.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export const DEFAULT_STAGE = 'dev';
export const DEFAULT_REGION = 'eu-north-1';

const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Reads the `stage` context value (default `dev`); throws if it cannot be part of a stack name. */
export function readStage(scope: Construct): string {
  const value: unknown = scope.node.tryGetContext('stage') ?? DEFAULT_STAGE;
  if (typeof value !== 'string' || !STAGE_PATTERN.test(value)) {
    throw new Error(
      `Invalid stage context ${JSON.stringify(value)}: expected lowercase letters, digits and dashes, starting with a letter (max 20).`,
    );
  }
  return value;
}

/** Reads the `region` context value (default eu-north-1). */
export function readRegion(scope: Construct): string {
  const value: unknown = scope.node.tryGetContext('region') ?? DEFAULT_REGION;
  if (typeof value !== 'string' || !REGION_PATTERN.test(value)) {
    throw new Error(`Invalid region context ${JSON.stringify(value)}: expected an AWS region such as eu-north-1.`);
  }
  return value;
}

const EMAIL_PATTERN = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

/** Reads the `alarmEmails` context value: addresses (comma-separated, or a list in cdk.json) the alarm topic mails; none, none. */
export function readAlarmEmails(scope: Construct): string[] {
  const value: unknown = scope.node.tryGetContext('alarmEmails');
  if (value === undefined || value === '') return [];
  const emails = typeof value === 'string' ? value.split(',').map((email) => email.trim()).filter(Boolean) : value;
  if (!Array.isArray(emails) || !emails.every((email) => typeof email === 'string' && EMAIL_PATTERN.test(email))) {
    throw new Error(`Invalid alarmEmails context ${JSON.stringify(value)}: expected e-mail addresses separated by commas.`);
  }
  return emails;
}

export const THREAT_PROTECTION = ['off', 'audit', 'enforced'] as const;
export type ThreatProtection = (typeof THREAT_PROTECTION)[number];

/** Reads the `threatProtection` context value (default `off`): Cognito threat protection, which needs the Plus plan. */
export function readThreatProtection(scope: Construct): ThreatProtection {
  return readChoice(scope, 'threatProtection', THREAT_PROTECTION, 'off', ', ');
}

/** Reads a context value that must be one of `choices`, `fallback` when unset. */
function readChoice<C extends string>(scope: Construct, key: string, choices: readonly C[], fallback: C, separator: string): C {
  const value: unknown = scope.node.tryGetContext(key) ?? fallback;
  if (!choices.includes(value as C)) throw new Error(`Invalid ${key} context ${JSON.stringify(value)}: expected ${choices.join(separator)}.`);
  return value as C;
}

export const DEFAULT_REFERRAL_RETENTION_MONTHS = 24;

/** Reads the `notificationSender` context value: the verified SES identity (an e-mail address) referral notices come from; none, none sent. */
export function readNotificationSender(scope: Construct): string | undefined {
  const value: unknown = scope.node.tryGetContext('notificationSender');
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new Error(`Invalid notificationSender context ${JSON.stringify(value)}: expected an e-mail address verified in SES.`);
  }
  return value;
}

/** Reads the `referralRetentionMonths` context value (default 24): how long a closed referral is kept. */
export function readReferralRetentionMonths(scope: Construct): number {
  const value: unknown = scope.node.tryGetContext('referralRetentionMonths') ?? DEFAULT_REFERRAL_RETENTION_MONTHS;
  const months = typeof value === 'string' ? Number(value) : value;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 120) {
    throw new Error(`Invalid referralRetentionMonths context ${JSON.stringify(value)}: expected whole months from 1 to 120.`);
  }
  return months;
}

export const isDevStage = (stage: string): boolean => stage === DEFAULT_STAGE;

/** Data and logs are destroyed with a dev stack and retained everywhere else. */
export const removalPolicyFor = (stage: string): RemovalPolicy =>
  isDevStage(stage) ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

export const SEARCH_MODES = ['embedded', 'opensearch'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/**
 * Reads the `search` context value (default `embedded`): `embedded` serves search from the embedded
 * engine loaded from a snapshot in S3 (no search cluster), `opensearch` from an OpenSearch domain.
 */
export function readSearchMode(scope: Construct): SearchMode {
  return readChoice(scope, 'search', SEARCH_MODES, 'embedded', ' or ');
}
