import { readFileSync } from 'node:fs';

/** One instruction of a Dockerfile: its keyword (upper-cased) and the rest of its logical line. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  /** The image or the earlier stage it starts from. */
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARG lines before the first FROM, with their defaults. */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

/**
 * Reads a Dockerfile into stages: comments dropped, `\` continuations joined. Enough for what the tests ask
 * (stages, FROM chains, COPY, CMD, HEALTHCHECK, ENV, RUN); not a general parser (no heredocs, no escape
 * directive).
 */
export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let logical = lines[index] ?? '';
    if (/^\s*#/.test(logical) || logical.trim() === '') continue;
    while (logical.trimEnd().endsWith('\\') && index + 1 < lines.length) {
      index++;
      const next = lines[index] ?? '';
      if (/^\s*#/.test(next)) continue;
      logical = `${logical.trimEnd().slice(0, -1).trimEnd()} ${next.trim()}`;
    }
    const match = /^\s*(\S+)\s*(.*)$/.exec(logical);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    const args = (match[2] ?? '').trim();
    if (keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile line ${start + 1}: cannot read FROM ${args}`);
      stages.push({ name: from[2] ?? `stage-${stages.length}`, from: from[1] ?? '', instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (keyword !== 'ARG') throw new Error(`Dockerfile line ${start + 1}: ${keyword} before any FROM`);
      const [name, value = ''] = args.split('=', 2);
      globalArgs[name ?? ''] = value;
      continue;
    }
    stage.instructions.push({ keyword, args, line: start + 1 });
  }
  return { globalArgs, stages };
}

export function readDockerfile(file: string): Dockerfile {
  return parseDockerfile(readFileSync(file, 'utf8'));
}

/** A stage and the stages it builds on, nearest first. */
export function stageChain(dockerfile: Dockerfile, name: string): Stage[] {
  const chain: Stage[] = [];
  let current = dockerfile.stages.find((stage) => stage.name === name);
  while (current) {
    if (chain.includes(current)) throw new Error(`Dockerfile stage ${name}: FROM cycle`);
    chain.push(current);
    const parent = current.from;
    current = dockerfile.stages.find((stage) => stage.name === parent);
  }
  return chain;
}

/** The instruction a target image ends up with (CMD, HEALTHCHECK, USER…): the last one along its chain. */
export function effectiveInstruction(
  dockerfile: Dockerfile,
  target: string,
  keyword: string,
): Instruction | null {
  for (const stage of stageChain(dockerfile, target)) {
    const found = stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
    if (found) return found;
  }
  return null;
}

/** Every instruction of one keyword along a target's chain (ENV, EXPOSE, COPY accumulate). */
export function accumulatedInstructions(
  dockerfile: Dockerfile,
  target: string,
  keyword: string,
): Instruction[] {
  return stageChain(dockerfile, target)
    .reverse()
    .flatMap((stage) => stage.instructions.filter((instruction) => instruction.keyword === keyword));
}

/** The JSON array of an exec-form CMD or HEALTHCHECK CMD, after any `--option=value` flags. */
export function execForm(instruction: Instruction): { options: Record<string, string>; argv: string[] } {
  let rest = instruction.args;
  const options: Record<string, string> = {};
  for (;;) {
    const option = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
    if (!option) break;
    options[option[1] ?? ''] = option[2] ?? '';
    rest = rest.slice(option[0].length);
  }
  if (instruction.keyword === 'HEALTHCHECK') {
    if (!rest.startsWith('CMD ')) throw new Error(`line ${instruction.line}: HEALTHCHECK without CMD`);
    rest = rest.slice(4).trim();
  }
  const argv: unknown = JSON.parse(rest);
  if (!Array.isArray(argv) || argv.some((arg) => typeof arg !== 'string')) {
    throw new Error(`line ${instruction.line}: expected the exec form, a JSON array of strings`);
  }
  return { options, argv: argv as string[] };
}

/** `ENV A=1 B=2` (the key=value form) as pairs. */
export function envPairs(instruction: Instruction): Array<[string, string]> {
  return [...instruction.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((match) => [
    match[1] ?? '',
    (match[2] ?? '').replace(/^"|"$/g, ''),
  ]);
}
