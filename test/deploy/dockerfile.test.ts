import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '@tidal-remedy/test-support/process';
import { describe, expect, it } from 'vitest';
// Not in the emulator package's exports: the test reads the image's CMD with the emulator's own parser.
import { DEFAULT_PORT, readCliOptions } from '../../services/tidal-emulator/src/cli-options.js';
import {
  accumulatedInstructions,
  effectiveInstruction,
  envPairs,
  execForm,
  parseDockerfile,
  readDockerfile,
  stageChain,
} from './support/dockerfile.js';
import {
  effectiveConfig,
  isService,
  probePortVariable,
  SERVICES,
  unknownVariables,
} from './support/service-facts.js';

const dockerfile = readDockerfile(path.join(ROOT, 'Dockerfile'));
const stageNames = dockerfile.stages.map((stage) => stage.name);
const serviceFolders = readdirSync(path.join(ROOT, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** Stages that are not a service's image: the build and the bases the images share. */
const SHARED_STAGES = ['build', 'runtime', 'worker'];
/** services/ folders that are not deployed, with why. */
const NOT_DEPLOYED: Record<string, string> = {
  cli: 'mode 1: a command a person runs, not a long-running service',
};
const serviceTargets = stageNames.filter((name) => !SHARED_STAGES.includes(name));

describe('Dockerfile', () => {
  it("installs the pnpm that package.json's packageManager pins", () => {
    const pinned = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager;
    const installs = stageChain(dockerfile, 'build')
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === 'RUN')
      .flatMap((instruction) => [...instruction.args.matchAll(/\bpnpm@(\S+)/g)].map((match) => match[1]));
    expect(installs).toEqual([pinned.split('@')[1]]);
  });

  it('builds from the lockfile as it is, then bundles every service', () => {
    const runs = dockerfile.stages
      .find((stage) => stage.name === 'build')
      ?.instructions.filter((instruction) => instruction.keyword === 'RUN')
      .map((instruction) => instruction.args)
      .join('\n');
    expect(runs).toContain('pnpm install --frozen-lockfile');
    expect(runs).toMatch(/pnpm build$/m);
  });

  it('starts every image from the Node slim image of the version .nvmrc pins', () => {
    const pinned = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
    expect(dockerfile.globalArgs.NODE_IMAGE).toBe(`node:${pinned}-slim`);
    for (const stage of dockerfile.stages) {
      const base = stageChain(dockerfile, stage.name).at(-1);
      expect(base?.from, stage.name).toMatch(/^\$\{NODE_IMAGE\}$/);
    }
  });

  it('has a runtime target for every services/ folder, and only for declared services', () => {
    for (const folder of serviceFolders) {
      if (folder in NOT_DEPLOYED) expect(isService(folder), folder).toBe(false);
      else expect(serviceTargets, folder).toContain(folder);
    }
    for (const target of serviceTargets) expect(isService(target), target).toBe(true);
    expect([...serviceTargets].sort()).toEqual([...SERVICES].sort());
  });

  it("puts in each image only its service's bundle, and runs it", () => {
    for (const target of serviceTargets) {
      const copies = accumulatedInstructions(dockerfile, target, 'COPY').map(
        (instruction) => instruction.args,
      );
      const bundle = `--from=build /workspace/services/${target}/dist/ services/${target}/dist/`;
      const seed = `--from=build /workspace/services/${target}/seed/ services/${target}/seed/`;
      expect(copies, target).toEqual(target === 'tidal-emulator' ? [bundle, seed] : [bundle]);
      const cmd = effectiveInstruction(dockerfile, target, 'CMD');
      expect(cmd, target).not.toBeNull();
      expect(execForm(cmd!).argv.slice(0, 3), target).toEqual([
        'node',
        '--enable-source-maps',
        `services/${target}/dist/main.js`,
      ]);
    }
    // scripts/build.mjs writes exactly that file (unless told `--out`, as a test does).
    const build = readFileSync(path.join(ROOT, 'scripts/build.mjs'), 'utf8');
    expect(build).toContain(": path.join(dir, 'dist');");
    expect(build).toContain("outfile: path.join(outDir, 'main.js')");
  });

  it('runs every image as a non-root user, by number', () => {
    for (const target of serviceTargets) {
      expect(effectiveInstruction(dockerfile, target, 'USER')?.args, target).toBe('1000:1000');
    }
  });

  it('sets only variables the service or Node reads', () => {
    for (const target of serviceTargets) {
      if (!isService(target)) continue;
      const names = accumulatedInstructions(dockerfile, target, 'ENV').flatMap((env) =>
        envPairs(env).map(([name]) => name),
      );
      expect(unknownVariables(target, names), target).toEqual([]);
    }
  });

  it("checks health with node on the service's own probe port, defaulting to its config default", () => {
    for (const target of serviceTargets) {
      if (!isService(target)) continue;
      const healthcheck = effectiveInstruction(dockerfile, target, 'HEALTHCHECK');
      expect(healthcheck, target).not.toBeNull();
      const { argv } = execForm(healthcheck!);
      expect(argv[0], target).toBe('node');
      const variable = probePortVariable(target);
      const fallback = effectiveConfig(target, {})[variable];
      expect(argv.join(' '), target).toContain(`process.env.${variable} || ${fallback})`);
      const exposed = accumulatedInstructions(dockerfile, target, 'EXPOSE').map((expose) => expose.args);
      expect(exposed, target).toEqual([String(fallback)]);
    }
  });

  it('has the emulator listen on every interface, where the other containers can reach it', () => {
    const cmd = execForm(effectiveInstruction(dockerfile, 'tidal-emulator', 'CMD')!).argv;
    // after `node --enable-source-maps <bundle>`, the emulator's own flags
    expect(readCliOptions(cmd.slice(3), {}).knobs.host).toBe('0.0.0.0');
    // It reads PORT itself, not through libs/config: the two defaults must agree.
    expect(DEFAULT_PORT).toBe(effectiveConfig('tidal-emulator', {}).PORT);
  });

  it('is read by a parser that follows continuations, comments and stage chains', () => {
    const parsed = parseDockerfile(
      [
        'ARG BASE=node:20-slim',
        'FROM $BASE AS one',
        '# a comment',
        'RUN echo a \\',
        '  # a comment inside',
        '  && echo b',
        'HEALTHCHECK --interval=5s CMD ["node", "-e", "1"]',
        'FROM one AS two',
        'CMD ["node", "x.js"]',
      ].join('\n'),
    );
    expect(parsed.globalArgs).toEqual({ BASE: 'node:20-slim' });
    expect(parsed.stages.map((stage) => [stage.name, stage.from])).toEqual([
      ['one', '$BASE'],
      ['two', 'one'],
    ]);
    expect(parsed.stages[0]?.instructions[0]?.args).toBe('echo a && echo b');
    const healthcheck = effectiveInstruction(parsed, 'two', 'HEALTHCHECK');
    expect(execForm(healthcheck!)).toEqual({ options: { interval: '5s' }, argv: ['node', '-e', '1'] });
  });
});
