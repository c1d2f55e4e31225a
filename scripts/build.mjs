// Bundles each service into services/<name>/dist/main.js: one file with its workspace libs and npm
// dependencies, so a container image needs Node and that file, not the workspace or a TypeScript loader.
import { cp, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const services = (await readdir(path.join(root, 'services'))).filter(
  (name) => only.length === 0 || only.includes(name),
);

for (const service of services) {
  const dir = path.join(root, 'services', service);
  const started = performance.now();
  await build({
    entryPoints: [path.join(dir, 'src/main.ts')],
    outfile: path.join(dir, 'dist/main.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: true,
    sourcesContent: false,
    // Without it, bundling renames clashing classes (BullMQ's UnrecoverableError became UnrecoverableError2),
    // and error.name is what logs, failed jobs and BullMQ's own name checks go by.
    keepNames: true,
    legalComments: 'linked',
    logLevel: 'warning',
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  if (service === 'api') await copyQueueBoardUi(dir);
  console.error(`built services/${service}/dist/main.js in ${Math.round(performance.now() - started)} ms`);
}

/**
 * bull-board reads its page template and static files from disk, so the api's bundle needs them beside it
 * (services/api/src/queue-board.ts looks in dist/queue-board-ui first).
 */
async function copyQueueBoardUi(dir) {
  const ui = path.dirname(
    createRequire(path.join(dir, 'package.json')).resolve('@bull-board/ui/package.json'),
  );
  await cp(path.join(ui, 'dist'), path.join(dir, 'dist/queue-board-ui/dist'), { recursive: true });
}
