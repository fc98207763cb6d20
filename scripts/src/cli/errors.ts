/**
 * A problem the user can fix: bad input or a broken environment.
 * The entry point prints its message as one red line and exits with code 2.
 * The message names the fix ("… : run `pnpm lab down`").
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** The environment is broken (Java missing, port taken, a service died): never the trainee's code. */
export class EnvironmentError extends UserError {
  override name = 'EnvironmentError';
}

/** The check's own machinery failed (not the trainee's code, not the environment): graded as `error`, never `fail`. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}
