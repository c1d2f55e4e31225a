import { z } from 'zod';

/** The environment is invalid; the message names every bad or missing variable and what it expects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: Array<{ variable: string; problem: string }>) {
    const lines = problems.map(({ variable, problem }) => `  - ${variable}: ${problem}`).join('\n');
    super(
      `Configuration is invalid:\n${lines}\nSet these environment variables; README.md#configuration lists them all.`,
    );
  }
}

/**
 * Parses the environment with a service's schema. Values are never quoted in errors: a URL such as
 * REDIS_URL may hold a password.
 */
export function loadConfig<Schema extends z.ZodObject>(
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): z.output<Schema> {
  // An empty variable (`FOO=` in a compose file) means "not set", so defaults apply.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      // A check across variables (custom) says itself what is missing and why.
      const stated = variable in present || issue.code === 'custom';
      return { variable, problem: stated ? issue.message : 'is required but not set' };
    }),
  );
}

export interface EnvVarDoc {
  name: string;
  description: string;
  default: string | null;
  required: boolean;
}

/** Every variable a schema reads, with its description and default: the README table comes from this. */
export function describeEnv(schema: z.ZodObject): EnvVarDoc[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const type = field as z.ZodType;
    const inner = innermostDefault(type);
    const fallback = inner === null ? null : String(inner.def.defaultValue);
    const required = inner === null && !type.safeParse(undefined).success;
    return { name, description: type.description ?? '', default: fallback, required };
  });
}

/** The default of a field, looking through the pipes that `.transform()` wraps around it. */
function innermostDefault(type: z.ZodType): z.ZodDefault | null {
  if (type instanceof z.ZodDefault) return type;
  if (type instanceof z.ZodPipe) return innermostDefault(type.def.in as z.ZodType);
  return null;
}
