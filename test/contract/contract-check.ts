import type { ApiExchange } from '@tidal-remedy/tidal-emulator';
import { TidalApiContract } from './openapi-contract.js';

/**
 * Checks every exchange an emulator serves against TIDAL's spec: give `onExchange` to `startEmulator`, and
 * assert `takeProblems()` is empty after each test. With `requests: true` the requests are checked too
 * (for a client's requests; tests that send malformed requests on purpose check responses only).
 */
export interface ContractCheck {
  onExchange(exchange: ApiExchange): void;
  /** The problems found since the last call, one line each, naming the exchange. */
  takeProblems(): string[];
  /** How many exchanges were checked so far. */
  readonly checked: number;
}

export function contractCheck(options: { requests: boolean }): ContractCheck {
  const contract = TidalApiContract.load();
  let problems: string[] = [];
  let checked = 0;
  return {
    onExchange(exchange) {
      checked += 1;
      const include = exchange.query
        .filter(([name]) => name === 'include')
        .flatMap(([, value]) => value.split(','));
      problems.push(
        ...contract.responseProblems({
          method: exchange.method,
          template: exchange.template,
          status: exchange.status,
          contentType: exchange.contentType,
          body: exchange.document,
          include,
        }),
      );
      if (options.requests) {
        problems.push(
          ...contract.requestProblems({
            method: exchange.method,
            template: exchange.template,
            query: exchange.query,
            headers: exchange.headers,
            body: exchange.method === 'GET' ? undefined : exchange.body,
          }),
        );
      }
    },
    takeProblems() {
      const taken = problems;
      problems = [];
      return taken;
    },
    get checked() {
      return checked;
    },
  };
}
