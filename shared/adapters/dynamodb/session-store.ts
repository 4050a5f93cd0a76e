/**
 * SessionStore on the single table: one item per session (pk `SESSION#id`, sk `SESSION`, entity
 * `session`) holding the subject, when its token expires, when it ended, and — for a hosted sign-in
 * until it ends — the refresh token to revoke. The table's TTL removes it once its token has expired
 * and it can no longer be renewed (a token past `exp` is refused anyway), so the table never keeps
 * sessions longer than they can matter; ending a session keeps that time.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import type { SessionRef, SessionStore } from '#shared/ports/session-store.ts';
import { keys, TTL_ATTRIBUTE } from './key-schema.ts';

const ENTITY = 'session';
/** Kept past the token's expiry by the verifier's clock tolerance and then some. */
const TTL_MARGIN_SECONDS = 300;

const ttlOf = (expiresAt: Date) => Math.ceil(expiresAt.getTime() / 1000) + TTL_MARGIN_SECONDS;

export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async start(session: SessionRef & { refreshToken?: string; renewableUntil?: Date }): Promise<void> {
    const keptUntil = session.renewableUntil && session.renewableUntil > session.expiresAt ? session.renewableUntil : session.expiresAt;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.session(session.id),
          entity: ENTITY,
          subject: session.subject,
          expiresAt: session.expiresAt.toISOString(),
          ...(session.refreshToken ? { refreshToken: session.refreshToken } : {}),
          [TTL_ATTRIBUTE]: ttlOf(keptUntil),
        },
        ConditionExpression: 'attribute_not_exists(endedAt)',
      }),
    ).catch((error: unknown) => {
      if (error instanceof ConditionalCheckFailedException) throw new UnauthenticatedError('You have signed out of this session. Sign in again.');
      throw error;
    });
  }

  async end(session: SessionRef, at: Date): Promise<{ refreshToken?: string }> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.session(session.id),
        UpdateExpression: 'SET entity = :entity, subject = :subject, expiresAt = :expiresAt, endedAt = if_not_exists(endedAt, :at), #ttl = if_not_exists(#ttl, :ttl) REMOVE refreshToken',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':entity': ENTITY,
          ':subject': session.subject,
          ':expiresAt': session.expiresAt.toISOString(),
          ':at': at.toISOString(),
          ':ttl': ttlOf(session.expiresAt),
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return typeof Attributes?.refreshToken === 'string' ? { refreshToken: Attributes.refreshToken } : {};
  }

  async isEnded(id: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.session(id), ConsistentRead: true, ProjectionExpression: 'endedAt' }));
    return typeof Item?.endedAt === 'string';
  }
}
