import { z } from 'zod';

/** Field builders for environment variables, which are always strings. */

/** A TCP port; 0 asks the system for a free one (tests). */
export const port = (fallback: number) => {
  const error = 'expected a port number from 0 to 65535';
  return z.coerce.number({ error }).int({ error }).min(0, { error }).max(65_535, { error }).default(fallback);
};

export const positiveInt = (fallback: number) => {
  const error = 'expected a whole number above 0';
  return z.coerce.number({ error }).int({ error }).positive({ error }).default(fallback);
};

export const positiveNumber = (fallback: number) => {
  const error = 'expected a number above 0';
  return z.coerce.number({ error }).positive({ error }).default(fallback);
};

export const nonNegativeNumber = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a number' })
    .nonnegative({ error: 'expected a number of at least 0' })
    .default(fallback);

export const httpUrl = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ''));

export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A `host:port` pair, as Redis Cluster nodes and sentinels are given. */
export interface HostPort {
  host: string;
  port: number;
}

const HOST_PORT = /^(\[[0-9a-f:.]+\]|[^\s:,=[\]]+):(\d{1,5})$/i;

function parseHostPort(text: string): HostPort | null {
  const match = HOST_PORT.exec(text.trim());
  if (!match) return null;
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return null;
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

/** `host:port,host:port`: at least one. */
export const hostPortList = () =>
  z.string().transform((text, ctx) => {
    const items = text.split(',').filter((item) => item.trim() !== '');
    const parsed = items.map(parseHostPort);
    if (items.length === 0 || parsed.some((item) => item === null)) {
      ctx.addIssue({ code: 'custom', message: 'expected host:port pairs separated by commas' });
      return z.NEVER;
    }
    return parsed as HostPort[];
  });

/** `announced=host:port,…`: where each announced address (`ip:port`) is reached from here. */
export const hostPortMap = () =>
  z.string().transform((text, ctx) => {
    const map: Record<string, HostPort> = {};
    for (const entry of text.split(',').filter((item) => item.trim() !== '')) {
      const [from, to, extra] = entry.split('=');
      const target = to === undefined ? null : parseHostPort(to);
      if (extra !== undefined || from === undefined || parseHostPort(from) === null || target === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected announced-host:port=reachable-host:port pairs separated by commas',
        });
        return z.NEVER;
      }
      map[from.trim()] = target;
    }
    return map;
  });

/**
 * Express's `trust proxy`: unset or `false` trusts no forwarded header; `true` trusts every hop; a number,
 * that many hops; else addresses, subnets or express's names (`loopback`, `uniquelocal`), comma-separated.
 */
export const trustProxy = () =>
  z
    .string()
    .regex(/^[\w.:/, -]+$/, {
      error: 'expected true, false, a number of hops, or addresses/subnets such as loopback, 10.0.0.0/8',
    })
    .default('false')
    .transform((value): boolean | number | string => {
      const text = value.trim();
      if (text === 'true' || text === 'false') return text === 'true';
      return /^\d+$/.test(text) ? Number(text) : text;
    });
