// Bundles each service into services/<name>/dist/main.js: one file with its workspace libs and npm
// dependencies, so a container image needs Node and that file, not the workspace or a TypeScript loader.
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out <dir>` writes <dir>/<name>/main.js instead (a test's own copy, beside no one else's build).
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outRoot = outAt < 0 ? null : path.resolve(args[outAt + 1]);
const only = outAt < 0 ? args : args.filter((_, index) => index !== outAt && index !== outAt + 1);
const services = (await readdir(path.join(root, 'services'))).filter(
  (name) => only.length === 0 || only.includes(name),
);

for (const service of services) {
  const dir = path.join(root, 'services', service);
  const outDir = outRoot ? path.join(outRoot, service) : path.join(dir, 'dist');
  const started = performance.now();
  await build({
    entryPoints: [path.join(dir, 'src/main.ts')],
    outfile: path.join(outDir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    // The map names our own files only (ownSourcesOnly, below), without their text: Node decodes the whole
    // map the first time it maps a stack (pino's logger does at start, through util.getCallSites, under
    // --enable-source-maps), and a map of every dependency cost each worker ~40 MB of resident memory.
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
  await asciiOnly(path.join(outDir, 'main.js'));
  await ownSourcesOnly(path.join(outDir, 'main.js.map'));
  if (service === 'api') await copyQueueBoardUi(dir, outDir);
  console.error(
    `built ${path.relative(root, path.join(outDir, 'main.js'))} in ${Math.round(performance.now() - started)} ms`,
  );
}

/**
 * Escapes what esbuild leaves outside ASCII (dependencies' comments, regular expressions such as
 * libs/matching's): a single such character makes V8 hold the whole bundle, megabytes, at two bytes a
 * character. \uXXXX means the same UTF-16 unit in a string, a template, a regular expression, an identifier
 * and a comment; the map's columns after it on its line move with it.
 */
async function asciiOnly(bundleFile) {
  const mapFile = `${bundleFile}.map`;
  const lines = (await readFile(bundleFile, 'utf8')).split('\n');
  const map = JSON.parse(await readFile(mapFile, 'utf8'));
  const mappings = decode(map.mappings);
  let changed = false;
  lines.forEach((line, index) => {
    if (Buffer.byteLength(line) === line.length) return; // ASCII: one byte a character
    let text = '';
    const escaped = [];
    for (let column = 0; column < line.length; column++) {
      const unit = line.charCodeAt(column);
      if (unit <= 0x7f) {
        text += line[column];
        continue;
      }
      // After a backslash, \uXXXX would read as an escaped backslash and text: none in today's bundles.
      if (line[column - 1] === '\\')
        throw new Error(`${bundleFile}:${index + 1}: a non-ASCII character after a backslash`);
      text += `\\u${unit.toString(16).padStart(4, '0')}`;
      escaped.push(column);
    }
    if (escaped.length === 0) return;
    changed = true;
    lines[index] = text;
    // Each escaped unit is 5 characters longer: a segment moves by 5 for every unit before it.
    for (const segment of mappings[index] ?? []) {
      segment[0] += 5 * escaped.filter((column) => column < segment[0]).length;
    }
  });
  if (!changed) return;
  await writeFile(bundleFile, lines.join('\n'));
  await writeFile(mapFile, JSON.stringify({ ...map, mappings: encode(mappings) }));
}

/**
 * Keeps in a bundle's source map only what maps to our own files (not node_modules): a stack frame in our
 * code still shows its TypeScript file and line, one in a dependency shows the bundle's line. esbuild writes
 * each module on lines of its own, so dropping a dependency's segments leaves its lines unmapped.
 */
async function ownSourcesOnly(mapFile) {
  const map = JSON.parse(await readFile(mapFile, 'utf8'));
  const isOwn = (source) => !source.split('/').includes('node_modules');
  const sources = [];
  const names = [];
  const sourceIndex = new Map();
  const nameIndex = new Map();
  const indexIn = (index, list, value) => {
    if (!index.has(value)) index.set(value, list.push(value) - 1);
    return index.get(value);
  };
  const mappings = decode(map.mappings).map((line) =>
    line
      .filter((segment) => segment.length > 1 && isOwn(map.sources[segment[1]]))
      .map((segment) => {
        const kept = [
          segment[0],
          indexIn(sourceIndex, sources, map.sources[segment[1]]),
          segment[2],
          segment[3],
        ];
        if (segment.length === 5) kept.push(indexIn(nameIndex, names, map.names[segment[4]]));
        return kept;
      }),
  );
  await writeFile(mapFile, JSON.stringify({ ...map, sources, names, mappings: encode(mappings) }));
}

/**
 * bull-board reads its page template and static files from disk, so the api's bundle needs them beside it
 * (services/api/src/queue-board.ts looks in dist/queue-board-ui first).
 */
async function copyQueueBoardUi(dir, outDir) {
  const ui = path.dirname(
    createRequire(path.join(dir, 'package.json')).resolve('@bull-board/ui/package.json'),
  );
  await cp(path.join(ui, 'dist'), path.join(outDir, 'queue-board-ui/dist'), { recursive: true });
}
