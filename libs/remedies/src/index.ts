export { approvalRequestSchemaFor, candidatesOf } from './approval-request.js';
export {
  IdempotencyKeyReusedError,
  InvalidApprovalError,
  NotAwaitingReviewError,
  NotInReviewError,
  NotRetryableError,
  ProposalMissingError,
  RemedyError,
  RemedyNotFoundError,
} from './remedy-errors.js';
export { RemedyService, type RemedyServiceDeps } from './remedy-service.js';
export { RemedyStore, type RemedyUpdate } from './remedy-store.js';
export {
  type GatePassage,
  REVIEW_WINDOW_MS,
  ReviewExpiredError,
  ReviewGate,
  type ReviewGateDeps,
  reportRefOf,
} from './review-gate.js';
