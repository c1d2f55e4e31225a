import type { Request } from 'express';

export interface RemedyLinks {
  status_url: string;
  report_url: string;
}

/**
 * Absolute links to a remedy's status (JSON) and report page. PUBLIC_URL when set (behind a proxy the
 * request's own host is not what clients reach), else the request's protocol and host.
 */
export function remedyLinks(request: Request, publicUrl: string | null, id: string): RemedyLinks {
  const base = (publicUrl ?? `${request.protocol}://${request.host ?? 'localhost'}`).replace(/\/+$/, '');
  return {
    status_url: `${base}/v1/remedies/${id}`,
    report_url: `${base}/remedies/${id}`,
  };
}
