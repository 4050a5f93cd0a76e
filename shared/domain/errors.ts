/** The DirectoryError family: domain failures that the API maps to RFC 9457 problem details. */

/** One offending field or parameter, named by its path (`filters.area`, `q`, `body.name.sv`). */
export type FieldIssue = { name: string; reason: string };

export abstract class DirectoryError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly issues: readonly FieldIssue[];

  constructor(detail: string, issues: readonly FieldIssue[] = []) {
    super(detail);
    this.name = new.target.name;
    this.issues = issues;
  }
}

export class NotFoundError extends DirectoryError {
  readonly status = 404;
  readonly title = 'Not found';
}

export class ConflictError extends DirectoryError {
  readonly status = 409;
  readonly title = 'Conflict';
}

export class PreconditionFailedError extends DirectoryError {
  readonly status = 412;
  readonly title = 'Precondition failed';
}

export class UnauthenticatedError extends DirectoryError {
  readonly status = 401;
  readonly title = 'Sign-in required';
}

export class PreconditionRequiredError extends DirectoryError {
  readonly status = 428;
  readonly title = 'Precondition required';
}

export class ForbiddenError extends DirectoryError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class ValidationError extends DirectoryError {
  readonly status = 400;
  readonly title = 'Invalid request';
}

export class UnprocessableContentError extends DirectoryError {
  readonly status = 422;
  readonly title = 'Unprocessable content';
}

export class ContentTooLargeError extends DirectoryError {
  readonly status = 413;
  readonly title = 'Content too large';
}
