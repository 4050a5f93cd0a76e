/** The server side of sign-in sessions: a session ended at sign-out is refused from then on, whatever token still names it. */

/** A session as a token names it: its id (the token's `origin_jti`, `jti`, or a hash of the token) and when the token expires. */
export type SessionRef = { id: string; subject: string; expiresAt: Date };

export interface SessionStore {
  /**
   * Remembers a session that starts or is renewed, with the refresh token to revoke when it ends
   * (hosted sign-in) and until when it can be renewed (kept that long, so an ended one stays refused).
   * Throws UnauthenticatedError for a session that was ended.
   */
  start(session: SessionRef & { refreshToken?: string; renewableUntil?: Date }): Promise<void>;
  /** Ends a session: from now on its token is refused. Answers the refresh token it held, now forgotten. */
  end(session: SessionRef, at: Date): Promise<{ refreshToken?: string }>;
  /** True when the session was ended. A session the store never saw is not ended (tokens from other clients). */
  isEnded(id: string): Promise<boolean>;
}
