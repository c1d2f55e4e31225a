import { quotedInput, type RemedyMode, type RemedyState } from '@tidal-remedy/contracts';
import type { z } from 'zod';

/**
 * What the remedy service refuses, as types: each has a stable `code` for programs, a message that says
 * what is wrong and what to do, and `details`. The API maps each type to its HTTP status in one place.
 */
export abstract class RemedyError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
  }
}

export class RemedyNotFoundError extends RemedyError {
  override readonly name = 'RemedyNotFoundError';
  readonly code = 'not_found';
  constructor(id: string) {
    super(
      `There is no remedy ${quotedInput(id)}. Remedy ids look like rem-… and come from POST /v1/remedies; ` +
        'a remedy is kept for 30 days, and one in flight is lost if Redis restarted without persistence ' +
        '(appendonly). To run it, submit the playlist again.',
    );
  }
}

/** An idempotency key sent again with a different request. */
export class IdempotencyKeyReusedError extends RemedyError {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly code = 'idempotency_key_reused';
  constructor(id: string) {
    super(
      `This Idempotency-Key was used for a different request (remedy ${id}); use a new key for a new request.`,
      { id },
    );
  }
}

export class NotRetryableError extends RemedyError {
  override readonly name = 'NotRetryableError';
  readonly code = 'not_retryable';
  constructor(id: string, state: RemedyState) {
    const advice =
      state === 'done'
        ? 'It finished; to run it again, POST /v1/remedies with the same playlist.'
        : 'Follow it at its status URL; it can be retried if it fails.';
    super(`Remedy ${id} is ${state}; only a failed remedy can be retried. ${advice}`, { state });
  }
}

/** An approval of a remedy that does not run in review mode. */
export class NotInReviewError extends RemedyError {
  override readonly name = 'NotInReviewError';
  readonly code = 'not_in_review';
  constructor(id: string, mode: RemedyMode) {
    super(
      `Remedy ${id} runs in mode ${mode}, which publishes without review. Only a remedy started with mode "review" waits to be approved.`,
      { mode },
    );
  }
}

const NOT_AWAITING_ADVICE: Partial<Record<RemedyState, string>> = {
  queued: 'Wait until its state is awaiting-review.',
  fetching: 'Wait until its state is awaiting-review.',
  matching: 'Wait until its state is awaiting-review.',
  publishing: 'It was approved already and is being published.',
  done: 'It was approved and published already.',
  failed: 'Retry it (POST /v1/remedies/:id/retry); it will wait for review again.',
};

/** An approval of a review-mode remedy that is not (or no longer) awaiting review. */
export class NotAwaitingReviewError extends RemedyError {
  override readonly name = 'NotAwaitingReviewError';
  readonly code = 'not_awaiting_review';
  constructor(id: string, state: RemedyState) {
    super(
      `Remedy ${id} is ${state}; it can be approved only while it awaits review. ${NOT_AWAITING_ADVICE[state] ?? ''}`.trim(),
      { state },
    );
  }
}

/** The proposed report a review shows and an approval publishes is gone from the cache. */
export class ProposalMissingError extends RemedyError {
  override readonly name = 'ProposalMissingError';
  readonly code = 'proposal_missing';
  /** In a job: another attempt cannot bring it back. */
  readonly retryable = false;
}

/** An approval whose choices do not fit the proposal (see approvalRequestSchemaFor); issues at their paths. */
export class InvalidApprovalError extends RemedyError {
  override readonly name = 'InvalidApprovalError';
  readonly code = 'invalid_request';
  constructor(readonly issues: z.ZodError) {
    super(`The approval is invalid: ${issues.message}`);
  }
}
