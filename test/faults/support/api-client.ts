import { ApiErrorSchema, RemedyAcceptedSchema, RemedyStatusSchema } from '@tidal-remedy/contracts';
import type { z } from 'zod';

/** The HTTP API as a client uses it, with the bearer token. */
export class ApiClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', ...extra };
  }

  async submit(body: unknown, idempotencyKey?: string) {
    const response = await fetch(`${this.url}/v1/remedies`, {
      method: 'POST',
      headers: this.headers(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      body: JSON.stringify(body),
    });
    return { response, json: await response.json() };
  }

  async accepted(body: unknown, idempotencyKey?: string): Promise<z.output<typeof RemedyAcceptedSchema>> {
    const { response, json } = await this.submit(body, idempotencyKey);
    if (response.status !== 202)
      throw new Error(`POST /v1/remedies: ${response.status} ${JSON.stringify(json)}`);
    return RemedyAcceptedSchema.parse(json);
  }

  async status(id: string) {
    const response = await fetch(`${this.url}/v1/remedies/${id}`, { headers: this.headers() });
    const json = await response.json();
    return response.ok
      ? { response, status: RemedyStatusSchema.parse(json), error: null }
      : { response, status: null, error: ApiErrorSchema.parse(json) };
  }
}
