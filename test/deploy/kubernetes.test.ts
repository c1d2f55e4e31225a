import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QUEUE_NAMES } from '@tidal-remedy/queue';
import { ROOT } from '@tidal-remedy/test-support/process';
import type { IIoK8sApiCoreV1Container } from 'kubernetes-models/v1/Container';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { accumulatedInstructions, envPairs, readDockerfile } from './support/dockerfile.js';
import { asDeployment, validateK8sObject } from './support/kubernetes-models.js';
import {
  type K8sObject,
  kustomizeBuild,
  kustomizeBuildWith,
  named,
  ofKind,
  overlayDir,
  overlayNames,
} from './support/kustomize.js';
import {
  type Endpoint,
  mayConnect,
  type PodEndpoint,
  type Policy,
  selects,
} from './support/network-policy.js';
import { containerEnv, resolvePort, secretVolumes } from './support/pod-spec.js';
import {
  defaultSecretPath,
  effectiveConfig,
  isService,
  probePort,
  SERVICES,
  type ServiceName,
  secretsRead,
  unknownVariables,
  variablesOf,
} from './support/service-facts.js';

const NAMESPACE = 'tidal-remedy';
const OVERLAYS = overlayNames();
/** An overlay with the Prometheus component added, as the README says to: checked like an overlay. */
const WITH_PROMETHEUS = 'production + prometheus-scrape';
const RENDERED = [...OVERLAYS, WITH_PROMETHEUS];
const rendered = new Map<string, K8sObject[]>();
const dockerfile = readDockerfile(path.join(ROOT, 'Dockerfile'));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const deploymentSection = readme.slice(
  readme.indexOf('## Deployment'),
  readme.indexOf('\n## ', readme.indexOf('## Deployment') + 1),
);

beforeAll(async () => {
  for (const overlay of OVERLAYS) rendered.set(overlay, await kustomizeBuild(overlayDir(overlay)));
  rendered.set(WITH_PROMETHEUS, await kustomizeBuildWith('production', ['prometheus-scrape']));
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

interface ServiceMonitorSpec {
  spec: {
    selector: { matchLabels: Record<string, string> };
    endpoints: Array<{
      port: string;
      path: string;
      authorization?: { type: string; credentials: { name: string; key: string } };
    }>;
  };
}

interface IngressSpec {
  spec: {
    ingressClassName: string;
    tls: Array<{ hosts: string[]; secretName: string }>;
    rules: Array<{
      host: string;
      http: {
        paths: Array<{
          path: string;
          backend: { service: { name: string; port: { name?: string; number?: number } } };
        }>;
      };
    }>;
  };
}

/** NODE_OPTIONS as the container gets it: the manifest's, else its image's (Dockerfile ENV). */
function nodeOptions(service: ServiceName, literals: Record<string, string>): string {
  if (literals.NODE_OPTIONS !== undefined) return literals.NODE_OPTIONS;
  const image = accumulatedInstructions(dockerfile, service, 'ENV').flatMap(envPairs);
  return image.filter(([name]) => name === 'NODE_OPTIONS').at(-1)?.[1] ?? '';
}

function flagValue(options: string, flag: string): number | undefined {
  const match = new RegExp(`${flag}=(\\d+)`).exec(options);
  return match ? Number(match[1]) : undefined;
}

/** A Kubernetes memory quantity in MiB. */
function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi|M|G)$/.exec(quantity);
  if (!match) throw new Error(`memory quantity ${quantity}: expected Mi, Gi, M or G`);
  const value = Number(match[1]);
  const unit = match[2];
  if (unit === 'Mi') return value;
  if (unit === 'Gi') return value * 1024;
  return (value * (unit === 'G' ? 1e9 : 1e6)) / 2 ** 20;
}

/** Every Deployment's pods as a NetworkPolicy sees them: namespace, labels, named ports. */
function deployedPods(objects: K8sObject[]): Map<string, PodEndpoint> {
  const namespace = named(objects, 'Namespace', NAMESPACE)?.metadata.labels ?? {};
  return new Map(
    ofKind(objects, 'Deployment').map((object) => {
      const template = asDeployment(object).spec?.template;
      const namedPorts = Object.fromEntries(
        (template?.spec?.containers ?? []).flatMap((container) =>
          (container.ports ?? []).flatMap((port) => (port.name ? [[port.name, port.containerPort]] : [])),
        ),
      );
      return [
        object.metadata.name,
        {
          namespace: object.metadata.namespace ?? NAMESPACE,
          namespaceLabels: namespace,
          labels: template?.metadata?.labels ?? {},
          namedPorts,
        },
      ];
    }),
  );
}

// Pods and addresses outside our manifests, as the policies' comments describe them.
const KUBE_DNS: Endpoint = { pod: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } };
const INGRESS_CONTROLLER: Endpoint = {
  pod: { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
};
const PROMETHEUS: Endpoint = {
  pod: { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } },
};
const KEDA_OPERATOR: Endpoint = {
  pod: { namespace: 'keda', labels: { 'app.kubernetes.io/name': 'keda-operator' } },
};
/** Someone else's pod in our namespace, and one in another namespace. */
const STRANGER_HERE: Endpoint = {
  pod: {
    namespace: NAMESPACE,
    labels: { 'app.kubernetes.io/name': 'debug-shell', 'app.kubernetes.io/part-of': 'tidal-remedy' },
  },
};
const STRANGER_ELSEWHERE: Endpoint = { pod: { namespace: 'default', labels: { app: 'web' } } };
/** A public address (TIDAL's hosts, a managed Redis) and a private one (the cluster's, a VPC's). */
const PUBLIC_ADDRESS: Endpoint = { address: '203.0.113.7' };
const PRIVATE_ADDRESS: Endpoint = { address: '10.20.30.40' };

/**
 * Where the services' Redis is and on which ports: the in-cluster one (its pod, at the port REDIS_URL names,
 * through its Service), or an external one, at a public address and the ports managed Redis uses.
 */
function redisTarget(objects: K8sObject[]): { endpoint: Endpoint; ports: number[] } {
  const secret = named(objects, 'Secret', 'tidal-remedy-redis') as unknown as
    | { data: Record<string, string> }
    | undefined;
  if (!secret) return { endpoint: PUBLIC_ADDRESS, ports: [6379, 6380] };
  const url = new URL(Buffer.from(secret.data.url ?? '', 'base64').toString());
  return serviceTarget(objects, url.hostname, Number(url.port || 6379));
}

/** A URL's host and port: a Service of ours (its pod, at the container port it targets) or an outside host. */
function tidalTarget(objects: K8sObject[], value: string): { endpoint: Endpoint; port: number } {
  const url = new URL(value);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (named(objects, 'Service', url.hostname)) {
    const target = serviceTarget(objects, url.hostname, port);
    return { endpoint: target.endpoint, port: target.ports[0]! };
  }
  return { endpoint: PUBLIC_ADDRESS, port };
}

function serviceTarget(
  objects: K8sObject[],
  name: string,
  port: number,
): { endpoint: Endpoint; ports: number[] } {
  const service = named(objects, 'Service', name) as unknown as {
    spec: { selector: Record<string, string>; ports: Array<{ port: number; targetPort: string | number }> };
  };
  expect(service, `Service ${name}`).toBeDefined();
  const servicePort = service.spec.ports.find((candidate) => candidate.port === port);
  expect(servicePort, `Service ${name} port ${port}`).toBeDefined();
  const deployment = ofKind(objects, 'Deployment').find((object) =>
    selects(
      { matchLabels: service.spec.selector },
      asDeployment(object).spec?.template.metadata?.labels ?? {},
    ),
  );
  expect(deployment, `the pods of Service ${name}`).toBeDefined();
  const pod = deployedPods(objects).get(deployment!.metadata.name)!;
  const container = asDeployment(deployment!).spec!.template.spec!.containers[0]!;
  return { endpoint: { pod }, ports: [resolvePort(container, servicePort!.targetPort)] };
}

describe('k8s overlays', () => {
  it('are local, production and production-keda', () => {
    expect(OVERLAYS).toEqual(['local', 'production', 'production-keda']);
  });
});

describe.each(RENDERED)('k8s/overlays/%s', (overlay) => {
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
        // Liveness waits for the startup probe, not for a guessed delay.
        expect(container.startupProbe, `${where} startup`).toBeDefined();
        expect(container.livenessProbe?.initialDelaySeconds, `${where} liveness delay`).toBeUndefined();
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
    const objects = objectsOf(overlay);
    for (const { service, deployment, container } of servicePods(objects)) {
      const reads = secretsRead(service, containerEnv(objects, container).literals);
      const volumes = secretVolumes(deployment.spec!.template.spec!);
      const mounts = (container.volumeMounts ?? []).filter((mount) => volumes.has(mount.name));
      const expected = reads.map((ref) => ({
        secretName: ref.group,
        mountPath: path.dirname(defaultSecretPath(ref)),
        file: path.basename(defaultSecretPath(ref)),
      }));
      const bySecret = (a: { secretName?: string }, b: { secretName?: string }) =>
        (a.secretName ?? '').localeCompare(b.secretName ?? '');
      expect(
        mounts
          .map((mount) => ({
            secretName: volumes.get(mount.name),
            mountPath: mount.mountPath,
            file: reads.find((ref) => ref.group === volumes.get(mount.name))?.key,
          }))
          .sort(bySecret),
        service,
      ).toEqual(expected.sort(bySecret));
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
      for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
        const target = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
        expect(resolvePort(container, target), service).toBe(port);
      }
      // Which routes: the health server's for workers, the api's own; runtime-image.test.ts requests them.
      // Live while the process runs; ready while it can work (Redis answers).
      if (service !== 'tidal-emulator') {
        expect(container.startupProbe?.httpGet?.path, service).toBe('/healthz');
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
      const reads = secretsRead(service, containerEnv(objects, container).literals);
      for (const name of secretVolumes(deployment.spec!.template.spec!).values()) {
        for (const ref of reads.filter((candidate) => candidate.group === name)) use(name, ref.key);
      }
      for (const { name, key } of containerEnv(objects, container).secretKeys) use(name, key);
    }
    for (const auth of ofKind(objects, 'TriggerAuthentication') as unknown as Array<{
      spec: { secretTargetRef: Array<{ name: string; key: string }> };
    }>) {
      for (const ref of auth.spec.secretTargetRef) use(ref.name, ref.key);
    }
    for (const monitor of ofKind(objects, 'ServiceMonitor') as unknown as ServiceMonitorSpec[]) {
      for (const endpoint of monitor.spec.endpoints) {
        const credentials = endpoint.authorization?.credentials;
        if (credentials) use(credentials.name, credentials.key);
      }
    }
    // A TLS Secret is made from a certificate and its key: `create secret tls`, no keys to name.
    const tlsSecrets = new Set(
      (ofKind(objects, 'Ingress') as unknown as IngressSpec[]).flatMap((ingress) =>
        ingress.spec.tls.map((tls) => tls.secretName),
      ),
    );
    for (const name of tlsSecrets) {
      expect(deploymentSection, `README's Deployment section creates the TLS Secret ${name}`).toMatch(
        new RegExp(`kubectl -n ${NAMESPACE} create secret tls ${name} --cert=\\S+ --key=\\S+`),
      );
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

  it("leaves V8's heap a quarter of each memory limit for what lives outside it", () => {
    const objects = objectsOf(overlay);
    for (const { service, container } of servicePods(objects)) {
      const options = nodeOptions(service, containerEnv(objects, container).literals);
      const oldSpace = flagValue(options, '--max-old-space-size');
      // Without the flag, Node sizes the heap from the memory the container may use.
      if (oldSpace === undefined) continue;
      // The young generation is three semi-spaces (V8's default semi-space on 64-bit: 16 MB).
      const heap = oldSpace + 3 * (flagValue(options, '--max-semi-space-size') ?? 16);
      const limit = mebibytes(String(container.resources?.limits?.memory));
      expect(heap, `${service}: heap of ${heap} MB within a ${limit} MiB limit`).toBeLessThanOrEqual(
        0.75 * limit,
      );
    }
  });

  it('sets no replica count on a Deployment an autoscaler owns', () => {
    const objects = objectsOf(overlay);
    const owned = [
      ...(ofKind(objects, 'HorizontalPodAutoscaler') as unknown as Array<{
        spec: { scaleTargetRef: { name: string } };
      }>),
      ...(ofKind(objects, 'ScaledObject') as unknown as Array<{
        spec: { scaleTargetRef: { name: string } };
      }>),
    ].map((autoscaler) => autoscaler.spec.scaleTargetRef.name);
    expect(owned.length).toBeGreaterThan(0);
    for (const name of owned) {
      const deployment = named(objects, 'Deployment', name);
      expect(deployment, name).toBeDefined();
      expect(asDeployment(deployment!).spec?.replicas, `${name} replicas`).toBeUndefined();
    }
  });

  it('spreads the api and the matcher over nodes and zones, counting only their own pods', () => {
    const objects = objectsOf(overlay);
    const pods = servicePods(objects);
    for (const { service, deployment } of pods.filter((pod) => ['api', 'matcher'].includes(pod.service))) {
      const constraints = deployment.spec?.template.spec?.topologySpreadConstraints ?? [];
      expect(constraints.map((constraint) => constraint.topologyKey).sort(), service).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const constraint of constraints) {
        expect(constraint.maxSkew, service).toBe(1);
        expect(constraint.matchLabelKeys, service).toEqual(['pod-template-hash']);
        for (const other of pods) {
          const labels = other.deployment.spec?.template.metadata?.labels ?? {};
          expect(selects(constraint.labelSelector, labels), `${service} counts ${other.service}`).toBe(
            other.service === service,
          );
        }
      }
    }
  });

  describe('network policies', () => {
    const policies = () => ofKind(objectsOf(overlay), 'NetworkPolicy') as unknown as Policy[];
    const pods = () => deployedPods(objectsOf(overlay));
    const podOf = (name: string): Endpoint => {
      const pod = pods().get(name);
      if (!pod) throw new Error(`no Deployment ${name}`);
      return { pod };
    };
    const may = (from: Endpoint, to: Endpoint, port: number, protocol?: 'TCP' | 'UDP') =>
      mayConnect(policies(), from, to, port, protocol);
    const ourServices = () => servicePods(objectsOf(overlay)).map((pod) => pod.service);

    it('deny everything not allowed, to and from every pod here', () => {
      for (const [name, pod] of pods()) {
        for (const stranger of [STRANGER_HERE, STRANGER_ELSEWHERE]) {
          for (const port of Object.values(pod.namedPorts ?? {})) {
            expect(may(stranger, { pod }, port), `${name}:${port} from elsewhere`).toBe(false);
          }
        }
        expect(may({ pod }, PUBLIC_ADDRESS, 80), `${name} to the internet on 80`).toBe(false);
      }
      // every policy is about pods that exist here
      for (const policy of policies()) {
        const selected = [...pods().values()].filter((pod) => selects(policy.spec?.podSelector, pod.labels));
        expect(selected.length, `NetworkPolicy ${policy.metadata.name} selects a pod`).toBeGreaterThan(0);
      }
    });

    it("let every pod resolve names with the cluster's DNS", () => {
      for (const name of pods().keys()) {
        expect(may(podOf(name), KUBE_DNS, 53, 'UDP'), `${name} DNS over UDP`).toBe(true);
        expect(may(podOf(name), KUBE_DNS, 53, 'TCP'), `${name} DNS over TCP`).toBe(true);
      }
    });

    it("let the ingress controller reach the api's port, and nothing else of ours", () => {
      const objects = objectsOf(overlay);
      const api = servicePods(objects).find((pod) => pod.service === 'api')!;
      const port = effectiveConfig('api', containerEnv(objects, api.container).literals).PORT as number;
      expect(may(INGRESS_CONTROLLER, podOf('api'), port)).toBe(true);
      expect(may(INGRESS_CONTROLLER, podOf('api'), port + 1)).toBe(false);
      for (const name of pods().keys()) {
        if (name === 'api') continue;
        const pod = pods().get(name)!;
        for (const target of Object.values(pod.namedPorts ?? {})) {
          expect(may(INGRESS_CONTROLLER, { pod }, target), `ingress controller to ${name}`).toBe(false);
        }
      }
      for (const service of ourServices()) {
        if (service !== 'api')
          expect(may(podOf(service), podOf('api'), port), `${service} to api`).toBe(false);
      }
      // Prometheus, only where the prometheus-scrape component lets it in.
      expect(may(PROMETHEUS, podOf('api'), port)).toBe(overlay === WITH_PROMETHEUS);
    });

    it('let every client of Redis reach it, and no other pod', () => {
      const objects = objectsOf(overlay);
      const redis = redisTarget(objects);
      for (const name of pods().keys()) {
        const reads = isService(name) && variablesOf(name).includes('REDIS_URL');
        for (const port of redis.ports) {
          expect(may(podOf(name), redis.endpoint, port), `${name} to Redis on ${port}`).toBe(reads);
        }
      }
      for (const port of redis.ports) expect(may(STRANGER_HERE, redis.endpoint, port)).toBe(false);
      // Pods elsewhere are kept from an in-cluster Redis (an external one is yours to close), but for KEDA's
      // operator, which reads the match queue's length (the keda-matcher component).
      if ('pod' in redis.endpoint) {
        expect(may(STRANGER_ELSEWHERE, redis.endpoint, redis.ports[0]!)).toBe(false);
        expect(may(KEDA_OPERATOR, redis.endpoint, redis.ports[0]!)).toBe(true);
      }
    });

    it("let the workers reach TIDAL's API and auth hosts (or the emulator) on their ports, and the api not", () => {
      const objects = objectsOf(overlay);
      const urls = workerTidalUrls(objects);
      for (const name of pods().keys()) {
        const calls = isService(name) && variablesOf(name).includes('TIDAL_API_URL');
        for (const url of Object.values(urls)) {
          const { endpoint, port } = tidalTarget(objects, url);
          expect(may(podOf(name), endpoint, port), `${name} to ${url}`).toBe(calls);
          if ('address' in endpoint) {
            // the public internet, not the cluster's or the cloud's private networks
            expect(may(podOf(name), PRIVATE_ADDRESS, port), `${name} to a private address`).toBe(false);
          }
        }
      }
    });
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

describe.each(['production', 'production-keda', WITH_PROMETHEUS])('k8s/overlays/%s', (overlay) => {
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

  it("serves the api through an Ingress over TLS, on the host its PUBLIC_URL names, to the api's port", () => {
    const objects = objectsOf(overlay);
    const ingresses = ofKind(objects, 'Ingress') as unknown as IngressSpec[];
    expect(ingresses).toHaveLength(1);
    const [ingress] = ingresses;
    // ingress-nginx's class: the controller whose pods the api-from-ingress policy lets in
    expect(ingress!.spec.ingressClassName).toBe('nginx');
    const hosts = ingress!.spec.rules.map((rule) => rule.host);
    expect(hosts).toHaveLength(1);
    // every host has a certificate
    expect(ingress!.spec.tls.flatMap((tls) => tls.hosts)).toEqual(hosts);
    const api = servicePods(objects).find((pod) => pod.service === 'api')!;
    const config = effectiveConfig('api', containerEnv(objects, api.container).literals);
    expect(config.PUBLIC_URL).toBe(`https://${hosts[0]}`);
    // the backend is the api's Service, at a port of it that reaches the api's PORT
    const service = named(objects, 'Service', 'api') as unknown as {
      spec: { ports: Array<{ name: string; port: number; targetPort: string | number }> };
    };
    for (const rule of ingress!.spec.rules) {
      for (const { backend } of rule.http.paths) {
        expect(backend.service.name).toBe('api');
        const port = service.spec.ports.find(
          (candidate) =>
            candidate.name === backend.service.port.name || candidate.port === backend.service.port.number,
        );
        expect(resolvePort(api.container, port?.targetPort)).toBe(config.PORT);
      }
    }
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

describe('k8s/components/prometheus-scrape', () => {
  const objects = () => objectsOf(WITH_PROMETHEUS);

  it("scrapes the api's Service at /metrics, on the port that reaches the api's PORT", () => {
    const monitors = ofKind(objects(), 'ServiceMonitor') as unknown as ServiceMonitorSpec[];
    expect(monitors).toHaveLength(1);
    const service = named(objects(), 'Service', 'api') as unknown as K8sObject & {
      spec: { ports: Array<{ name: string; targetPort: string | number }> };
    };
    const api = servicePods(objects()).find((pod) => pod.service === 'api')!;
    const config = effectiveConfig('api', containerEnv(objects(), api.container).literals);
    for (const monitor of monitors) {
      expect(selects(monitor.spec.selector, service.metadata.labels ?? {})).toBe(true);
      for (const endpoint of monitor.spec.endpoints) {
        expect(endpoint.path).toBe('/metrics');
        const port = service.spec.ports.find((candidate) => candidate.name === endpoint.port);
        expect(resolvePort(api.container, port?.targetPort)).toBe(config.PORT);
      }
    }
  });

  it('sends the scrape credential that the api, with METRICS_SCRAPE_AUTH on, reads where Flyte mounts it', () => {
    const [monitor] = ofKind(objects(), 'ServiceMonitor') as unknown as ServiceMonitorSpec[];
    const api = servicePods(objects()).find((pod) => pod.service === 'api')!;
    const env = containerEnv(objects(), api.container).literals;
    expect(effectiveConfig('api', env).METRICS_SCRAPE_AUTH).toBe(true);
    const scrape = secretsRead('api', env).find((ref) => ref.group !== 'remedy-api')!;
    for (const endpoint of monitor!.spec.endpoints) {
      expect(endpoint.authorization?.type).toBe('Bearer');
      // the Secret and key the api reads its scrape credential from (mounted as the secrets test checks)
      expect(endpoint.authorization?.credentials).toEqual({ name: scrape.group, key: scrape.key });
    }
    // and the API token stays out of Prometheus's hands
    expect(JSON.stringify(monitor)).not.toContain('remedy-api');
  });

  it('changes nothing but the api, its Prometheus policy and the ServiceMonitor', () => {
    const without = new Map(
      objectsOf('production').map((object) => [`${object.kind}/${object.metadata.name}`, object]),
    );
    const changed = objects()
      .filter(
        (object) =>
          JSON.stringify(without.get(`${object.kind}/${object.metadata.name}`)) !== JSON.stringify(object),
      )
      .map((object) => `${object.kind}/${object.metadata.name}`);
    expect(changed.sort()).toEqual([
      'Deployment/api',
      'NetworkPolicy/api-from-prometheus',
      'ServiceMonitor/api',
    ]);
  });
});

describe('README.md, Deployment', () => {
  it('sets the production images to the names and tags the production overlay has', () => {
    const kustomization = parse(
      readFileSync(path.join(overlayDir('production'), 'kustomization.yaml'), 'utf8'),
    ) as { images: Array<{ name: string; newName: string; newTag: string }> };
    const commands = [...deploymentSection.matchAll(/kustomize edit set image (\S+)=(\S+):(\S+)/g)];
    expect(commands.length).toBeGreaterThan(0);
    for (const [, name, newName, newTag] of commands) {
      expect(
        kustomization.images.find((image) => image.name === name),
        name,
      ).toEqual({ name, newName, newTag });
    }
  });
});

describe('the network policy checker', () => {
  const pod = (labels: Record<string, string>, namespace = NAMESPACE): Endpoint => ({
    pod: { namespace, labels, namedPorts: { http: 8080 } },
  });
  const policy = (spec: Policy['spec']): Policy => ({ metadata: { name: 'p', namespace: NAMESPACE }, spec });
  const api = pod({ 'app.kubernetes.io/name': 'api' });

  it('allows what no policy isolates, and nothing a default deny covers', () => {
    expect(mayConnect([], STRANGER_ELSEWHERE, api, 8080)).toBe(true);
    const deny = policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(mayConnect([deny], STRANGER_ELSEWHERE, api, 8080)).toBe(false);
    expect(mayConnect([deny], api, KUBE_DNS, 53, 'UDP')).toBe(false);
  });

  it('reads named ports, protocols, port ranges, namespaces and ipBlock exceptions', () => {
    const allow = policy({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
          ports: [{ protocol: 'TCP', port: 'http' }],
        },
      ],
      egress: [
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
          ports: [{ port: 6379, endPort: 6380 }],
        },
      ],
    });
    expect(mayConnect([allow], INGRESS_CONTROLLER, api, 8080)).toBe(true);
    expect(mayConnect([allow], INGRESS_CONTROLLER, api, 8081)).toBe(false);
    expect(mayConnect([allow], INGRESS_CONTROLLER, api, 8080, 'UDP')).toBe(false);
    expect(mayConnect([allow], PROMETHEUS, api, 8080)).toBe(false);
    expect(mayConnect([allow], api, { address: '203.0.113.9' }, 6380)).toBe(true);
    expect(mayConnect([allow], api, { address: '203.0.113.9' }, 6381)).toBe(false);
    expect(mayConnect([allow], api, { address: '10.1.1.1' }, 6379)).toBe(false);
    expect(mayConnect([allow], api, { address: '2001:db8::1' }, 6379)).toBe(false);
  });

  it("catches what kustomize's labels do to a selector of pods that are not ours", () => {
    // The base's `labels` (includeSelectors) adds part-of to every matchLabels: kube-dns does not carry it.
    const dns = (podSelector: NonNullable<Policy['spec']>['podSelector']) =>
      policy({
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector,
              },
            ],
            ports: [{ protocol: 'UDP', port: 53 }],
          },
        ],
      });
    const labelled = dns({
      matchLabels: { 'k8s-app': 'kube-dns', 'app.kubernetes.io/part-of': 'tidal-remedy' },
    });
    expect(mayConnect([labelled], api, KUBE_DNS, 53, 'UDP')).toBe(false);
    const expressed = dns({ matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] });
    expect(mayConnect([expressed], api, KUBE_DNS, 53, 'UDP')).toBe(true);
  });
});
