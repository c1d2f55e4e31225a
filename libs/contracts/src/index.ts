export * from './decision.js';
export * from './domain.js';
export * from './http.js';
export * from './jobs.js';
export * from './playlist-ref.js';
export * from './remedy-record.js';
export * from './report.js';
export * from './request.js';
