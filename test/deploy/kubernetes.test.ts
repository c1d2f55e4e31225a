import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QUEUE_NAMES } from '@tidal-remedy/queue';
import { ROOT } from '@tidal-remedy/test-support/process';
import type { IIoK8sApiCoreV1Container } from 'kubernetes-models/v1/Container';
import { beforeAll, describe, expect, it } from 'vitest';
import { asDeployment, validateK8sObject } from './support/kubernetes-models.js';
import {
  type K8sObject,
  kustomizeBuild,
  named,
  ofKind,
  overlayDir,
  overlayNames,
} from './support/kustomize.js';
import { containerEnv, resolvePort, secretVolumes } from './support/pod-spec.js';
import {
  defaultSecretPath,
  effectiveConfig,
  isService,
  probePort,
  SERVICE_SECRETS,
  SERVICES,
  type ServiceName,
  unknownVariables,
} from './support/service-facts.js';

const NAMESPACE = 'tidal-remedy';
const OVERLAYS = overlayNames();
const rendered = new Map<string, K8sObject[]>();
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const deploymentSection = readme.slice(
  readme.indexOf('## Deployment'),
  readme.indexOf('\n## ', readme.indexOf('## Deployment') + 1),
);

beforeAll(async () => {
  for (const overlay of OVERLAYS) rendered.set(overlay, await kustomizeBuild(overlayDir(overlay)));
});

function objectsOf(overlay: string): K8sObject[] {
  const objects = rendered.get(overlay);
  if (!objects) throw new Error(`overlay ${overlay} was not rendered`);
  return objects;
}

interface ServicePod {
  service: ServiceName;
  deployment: ReturnType<typeof asDeployment>;
  container: IIoK8sApiCoreV1Container;
}

/** The Deployments of our services in an overlay, each with its one container. */
function servicePods(objects: K8sObject[]): ServicePod[] {
  return ofKind(objects, 'Deployment')
    .filter((object) => isService(object.metadata.name))
    .map((object) => {
      const deployment = asDeployment(object);
      const containers = deployment.spec?.template.spec?.containers ?? [];
      expect(containers, object.metadata.name).toHaveLength(1);
      return { service: object.metadata.name as ServiceName, deployment, container: containers[0]! };
    });
}

function workerTidalUrls(objects: K8sObject[]): { TIDAL_API_URL: string; TIDAL_AUTH_URL: string } {
  const fetcher = servicePods(objects).find((pod) => pod.service === 'fetcher');
  const config = effectiveConfig('fetcher', containerEnv(objects, fetcher!.container).literals);
  return { TIDAL_API_URL: config.TIDAL_API_URL as string, TIDAL_AUTH_URL: config.TIDAL_AUTH_URL as string };
}

describe('k8s overlays', () => {
  it('are local, production and production-keda', () => {
    expect(OVERLAYS).toEqual(['local', 'production', 'production-keda']);
  });
});

describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  it('renders, and every object is valid against its Kubernetes schema', () => {
    const objects = objectsOf(overlay);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) validateK8sObject(object);
  });

  it('puts every object in the tidal-remedy namespace, labelled as part of tidal-remedy', () => {
    for (const object of objectsOf(overlay)) {
      const where = `${object.kind} ${object.metadata.name}`;
      if (object.kind === 'Namespace') expect(object.metadata.name).toBe(NAMESPACE);
      else expect(object.metadata.namespace, where).toBe(NAMESPACE);
      expect(object.metadata.labels?.['app.kubernetes.io/part-of'], where).toBe('tidal-remedy');
    }
  });

  it('deploys api, fetcher, matcher and publisher, and the emulator exactly where the workers use it', () => {
    const objects = objectsOf(overlay);
    const deployed = servicePods(objects).map((pod) => pod.service);
    const usesEmulator = new URL(workerTidalUrls(objects).TIDAL_API_URL).hostname === 'tidal-emulator';
    const expected = SERVICES.filter((service) => service !== 'tidal-emulator' || usesEmulator);
    expect(deployed.sort()).toEqual([...expected].sort());
  });

  it("runs each service's image, as a container named after it", () => {
    for (const { service, container } of servicePods(objectsOf(overlay))) {
      expect(container.name).toBe(service);
      expect(container.image ?? '', service).toMatch(new RegExp(`(^|/)tidal-remedy/${service}:[\\w.-]+$`));
    }
  });

  it('hardens every pod: non-root, read-only root, no capabilities, seccomp, requests and limits, probes', () => {
    for (const object of ofKind(objectsOf(overlay), 'Deployment')) {
      const pod = asDeployment(object).spec?.template.spec;
      const name = object.metadata.name;
      expect(pod?.securityContext?.runAsNonRoot, name).toBe(true);
      expect(pod?.securityContext?.seccompProfile?.type, name).toBe('RuntimeDefault');
      expect(pod?.automountServiceAccountToken, name).toBe(false);
      for (const container of pod?.containers ?? []) {
        const where = `${name}/${container.name}`;
        expect(container.securityContext?.readOnlyRootFilesystem, where).toBe(true);
        expect(container.securityContext?.allowPrivilegeEscalation, where).toBe(false);
        expect(container.securityContext?.capabilities?.drop, where).toEqual(['ALL']);
        for (const resource of ['cpu', 'memory']) {
          expect(container.resources?.requests?.[resource], `${where} requests ${resource}`).toBeDefined();
          expect(container.resources?.limits?.[resource], `${where} limits ${resource}`).toBeDefined();
        }
        expect(container.readinessProbe, `${where} readiness`).toBeDefined();
        expect(container.livenessProbe, `${where} liveness`).toBeDefined();
      }
    }
  });

  it("sets only variables each service's config schema reads, with values its loader accepts", () => {
    const objects = objectsOf(overlay);
    for (const { service, container } of servicePods(objects)) {
      const env = containerEnv(objects, container);
      expect(unknownVariables(service, env.names), service).toEqual([]);
      expect(() => effectiveConfig(service, env.literals), service).not.toThrow();
    }
  });

  it('mounts each secret a service reads read-only where Flyte would, at the path the secrets lib reads', () => {
    for (const { service, deployment, container } of servicePods(objectsOf(overlay))) {
      const volumes = secretVolumes(deployment.spec!.template.spec!);
      const mounts = (container.volumeMounts ?? []).filter((mount) => volumes.has(mount.name));
      const expected = SERVICE_SECRETS[service].map((ref) => ({
        secretName: ref.group,
        mountPath: path.dirname(defaultSecretPath(ref)),
        file: path.basename(defaultSecretPath(ref)),
      }));
      expect(
        mounts.map((mount) => ({
          secretName: volumes.get(mount.name),
          mountPath: mount.mountPath,
          file: SERVICE_SECRETS[service].find((ref) => ref.group === volumes.get(mount.name))?.key,
        })),
        service,
      ).toEqual(expected);
      for (const mount of mounts) expect(mount.readOnly, `${service} ${mount.name}`).toBe(true);
      // The whole Secret, every key a file named after it, as Flyte mounts a group.
      for (const volume of deployment.spec?.template.spec?.volumes ?? []) {
        expect(volume.secret?.items, `${service} ${volume.name}`).toBeUndefined();
      }
    }
  });

  it('probes each service on the port its config listens on, at the routes it serves', () => {
    const objects = objectsOf(overlay);
    for (const { service, container } of servicePods(objects)) {
      const port = probePort(service, containerEnv(objects, container).literals);
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        const target = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
        expect(resolvePort(container, target), service).toBe(port);
      }
      // Which routes: the health server's for workers, the api's own; runtime-image.test.ts requests them.
      // Live while the process runs; ready while it can work (Redis answers).
      if (service !== 'tidal-emulator') {
        expect(container.livenessProbe?.httpGet?.path, service).toBe('/healthz');
        expect(container.readinessProbe?.httpGet?.path, service).toBe('/readyz');
      }
    }
  });

  it('gives a worker longer than its shutdown timeout to finish its jobs on SIGTERM', () => {
    const objects = objectsOf(overlay);
    for (const { service, deployment, container } of servicePods(objects)) {
      const config = effectiveConfig(service, containerEnv(objects, container).literals);
      if (config.SHUTDOWN_TIMEOUT_MS === undefined) continue;
      const grace = deployment.spec?.template.spec?.terminationGracePeriodSeconds ?? 30;
      expect(grace * 1000, service).toBeGreaterThan(config.SHUTDOWN_TIMEOUT_MS as number);
    }
  });

  it('reaches the api through a Service on its http port', () => {
    const objects = objectsOf(overlay);
    const api = servicePods(objects).find((pod) => pod.service === 'api')!;
    const service = named(objects, 'Service', 'api') as unknown as {
      spec: { selector: Record<string, string>; ports: Array<{ targetPort: string | number }> };
    };
    const labels = api.deployment.spec?.template.metadata?.labels ?? {};
    expect(labels).toMatchObject(service.spec.selector);
    expect(resolvePort(api.container, service.spec.ports[0]?.targetPort)).toBe(
      effectiveConfig('api', containerEnv(objects, api.container).literals).PORT,
    );
  });

  it('has a PodDisruptionBudget for each service, selecting its pods', () => {
    const objects = objectsOf(overlay);
    const budgets = ofKind(objects, 'PodDisruptionBudget') as unknown as Array<{
      spec: { selector: { matchLabels: Record<string, string> } };
    }>;
    for (const { service, deployment } of servicePods(objects)) {
      if (service === 'tidal-emulator') continue;
      const labels = deployment.spec?.template.metadata?.labels ?? {};
      const matching = budgets.filter((budget) =>
        Object.entries(budget.spec.selector.matchLabels).every(([key, value]) => labels[key] === value),
      );
      expect(matching, service).toHaveLength(1);
    }
  });

  it('scales the matcher with exactly one autoscaler: an HPA on CPU, or KEDA on its queue', () => {
    const objects = objectsOf(overlay);
    const hpas = ofKind(objects, 'HorizontalPodAutoscaler');
    const scaledObjects = ofKind(objects, 'ScaledObject');
    expect(hpas.length + scaledObjects.length).toBe(1);
    const matcher = servicePods(objects).find((pod) => pod.service === 'matcher')!;
    for (const hpa of hpas as unknown as Array<{
      spec: { scaleTargetRef: { kind: string; name: string } };
    }>) {
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'matcher' });
      // utilisation is measured against the request
      expect(matcher.container.resources?.requests?.cpu).toBeDefined();
    }
  });

  it('documents how to create every Secret it uses but does not create', () => {
    const objects = objectsOf(overlay);
    const created = new Set(ofKind(objects, 'Secret').map((secret) => secret.metadata.name));
    // Secret name -> the keys read from it: a mounted Secret's key is the secrets lib's, the others are named.
    const used = new Map<string, Set<string>>();
    const use = (name: string, key: string) => used.set(name, (used.get(name) ?? new Set()).add(key));
    for (const { service, deployment, container } of servicePods(objects)) {
      for (const name of secretVolumes(deployment.spec!.template.spec!).values()) {
        for (const ref of SERVICE_SECRETS[service].filter((candidate) => candidate.group === name))
          use(name, ref.key);
      }
      for (const { name, key } of containerEnv(objects, container).secretKeys) use(name, key);
    }
    for (const auth of ofKind(objects, 'TriggerAuthentication') as unknown as Array<{
      spec: { secretTargetRef: Array<{ name: string; key: string }> };
    }>) {
      for (const ref of auth.spec.secretTargetRef) use(ref.name, ref.key);
    }
    for (const [name, keys] of used) {
      if (created.has(name)) continue;
      // the command, with its backslash-continued lines
      const command = new RegExp(`kubectl -n ${NAMESPACE} create secret generic ${name} (\\\\\\n|[^\\n])*`);
      const documented = command.exec(deploymentSection)?.[0];
      expect(documented, `README's Deployment section creates Secret ${name}`).toBeDefined();
      for (const key of keys)
        expect(documented, `${name} key ${key}`).toMatch(new RegExp(`--from-\\w+=${key}=`));
    }
  });
});

describe('k8s/overlays/local', () => {
  const objects = () => objectsOf('local');

  it('runs Redis in the cluster as BullMQ needs it, and points REDIS_URL at its Service', () => {
    const redis = asDeployment(named(objects(), 'Deployment', 'redis')!);
    const args = redis.spec?.template.spec?.containers[0]?.args ?? [];
    expect(args.join(' ')).toContain('--maxmemory-policy noeviction');
    const secret = named(objects(), 'Secret', 'tidal-remedy-redis') as unknown as {
      data: Record<string, string>;
    };
    const url = new URL(Buffer.from(secret.data.url ?? '', 'base64').toString());
    const service = named(objects(), 'Service', 'redis') as unknown as {
      spec: { ports: Array<{ port: number }> };
    };
    expect(`${url.hostname}:${url.port}`).toBe(`redis:${service.spec.ports[0]?.port}`);
    // what the keda-matcher component reads, should it be added here
    expect(Buffer.from(secret.data.address ?? '', 'base64').toString()).toBe(
      `redis:${service.spec.ports[0]?.port}`,
    );
    expect(Object.keys(secret.data).sort()).toEqual(['address', 'password', 'url']);
  });

  it("points the workers at the emulator's Service, at TIDAL's own paths", () => {
    const emulatorService = named(objects(), 'Service', 'tidal-emulator') as unknown as {
      spec: { ports: Array<{ port: number }> };
    };
    const real = effectiveConfig('fetcher', {});
    for (const [variable, value] of Object.entries(workerTidalUrls(objects()))) {
      const url = new URL(value);
      expect(`${url.hostname}:${url.port}`, variable).toBe(
        `tidal-emulator:${emulatorService.spec.ports[0]?.port}`,
      );
      expect(url.pathname, variable).toBe(new URL(real[variable] as string).pathname);
    }
  });
});

describe.each(['production', 'production-keda'])('k8s/overlays/%s', (overlay) => {
  it('uses real TIDAL, an external Redis and no emulator', () => {
    const objects = objectsOf(overlay);
    const real = effectiveConfig('fetcher', {});
    expect(workerTidalUrls(objects)).toEqual({
      TIDAL_API_URL: real.TIDAL_API_URL,
      TIDAL_AUTH_URL: real.TIDAL_AUTH_URL,
    });
    expect(named(objects, 'Deployment', 'redis')).toBeUndefined();
    expect(named(objects, 'Secret', 'tidal-remedy-redis')).toBeUndefined();
  });
});

describe('k8s/overlays/production-keda', () => {
  it("scales the matcher on BullMQ's wait list of the match queue, under the matcher's REDIS_PREFIX", () => {
    const objects = objectsOf('production-keda');
    const scaledObject = named(objects, 'ScaledObject', 'matcher') as unknown as {
      spec: {
        scaleTargetRef: { name: string };
        triggers: Array<{
          type: string;
          metadata: { listName: string };
          authenticationRef: { name: string };
        }>;
      };
    };
    expect(scaledObject.spec.scaleTargetRef.name).toBe('matcher');
    const matcher = servicePods(objects).find((pod) => pod.service === 'matcher')!;
    const prefix = effectiveConfig('matcher', containerEnv(objects, matcher.container).literals).REDIS_PREFIX;
    const [trigger] = scaledObject.spec.triggers;
    expect(trigger?.type).toBe('redis');
    expect(trigger?.metadata.listName).toBe(`${prefix}:${QUEUE_NAMES.match}:wait`);
    expect(named(objects, 'TriggerAuthentication', trigger?.authenticationRef.name ?? '')).toBeDefined();
  });
});
