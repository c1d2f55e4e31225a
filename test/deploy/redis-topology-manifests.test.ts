import { loadConfig, serviceEnv } from '@tidal-remedy/config';
import { QUEUE_NAMES } from '@tidal-remedy/queue';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateK8sObject } from './support/kubernetes-models.js';
import { type K8sObject, kustomizeBuildWith, named, ofKind } from './support/kustomize.js';
import { mayConnect, type Policy } from './support/network-policy.js';
import { effectiveConfig } from './support/service-facts.js';

/**
 * The components for a Redis Cluster and for Sentinel (k8s/components/redis-cluster, redis-sentinel), on
 * production with and without KEDA: every service gets the variables its config reads for that topology,
 * from the Redis Secret; KEDA's redis-cluster or redis-sentinel trigger, in place of keda-matcher's list
 * trigger, reads the match queue's wait list under the matcher's prefix; the sentinels' port is open.
 */
const SERVICES = ['api', 'fetcher', 'matcher', 'publisher'] as const;

const TOPOLOGIES = {
  'redis-cluster': {
    variables: { REDIS_CLUSTER_NODES: 'cluster-nodes' },
    sample: { REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1:6379' },
    trigger: 'redis-cluster',
    auth: [
      { parameter: 'addresses', name: 'tidal-remedy-redis', key: 'cluster-nodes' },
      { parameter: 'password', name: 'tidal-remedy-redis', key: 'password' },
    ],
    ports: [6379],
  },
  'redis-sentinel': {
    variables: { REDIS_SENTINELS: 'sentinels', REDIS_SENTINEL_NAME: 'sentinel-name' },
    sample: { REDIS_SENTINELS: 's-0:26379,s-1:26379', REDIS_SENTINEL_NAME: 'main' },
    trigger: 'redis-sentinel',
    auth: [
      { parameter: 'addresses', name: 'tidal-remedy-redis', key: 'sentinels' },
      { parameter: 'password', name: 'tidal-remedy-redis', key: 'password' },
      { parameter: 'sentinelMaster', name: 'tidal-remedy-redis', key: 'sentinel-name' },
    ],
    ports: [6379, 26379],
  },
} as const;
type Topology = keyof typeof TOPOLOGIES;

const rendered = new Map<string, K8sObject[]>();
beforeAll(async () => {
  for (const component of Object.keys(TOPOLOGIES)) {
    rendered.set(`${component}+keda`, await kustomizeBuildWith('production-keda', [component]));
    rendered.set(component, await kustomizeBuildWith('production', [component]));
  }
});

type EnvVar = { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
const containerOf = (objects: K8sObject[], name: string) =>
  (
    named(objects, 'Deployment', name) as unknown as {
      spec: { template: { spec: { containers: Array<{ env: EnvVar[] }> } } };
    }
  ).spec.template.spec.containers[0]!;

describe.each(Object.keys(TOPOLOGIES) as Topology[])('k8s/components/%s', (component) => {
  const topology = TOPOLOGIES[component];
  const both = () => [rendered.get(`${component}+keda`)!, rendered.get(component)!];

  it('renders valid objects (their schemas, KEDA CRDs included)', () => {
    for (const object of both().flat()) validateK8sObject(object);
  });

  it.each(SERVICES)('gives %s its variables from the Redis Secret, beside REDIS_URL', (service) => {
    for (const objects of both()) {
      const env = containerOf(objects, service).env;
      for (const [variable, key] of Object.entries(topology.variables)) {
        const found = env.find((entry) => entry.name === variable);
        expect(found?.valueFrom?.secretKeyRef, variable).toEqual({ name: 'tidal-remedy-redis', key });
      }
      expect(env.some((entry) => entry.name === 'REDIS_URL')).toBe(true);
      // Variables of the service's own config, which reads values of that form.
      const config = loadConfig(serviceEnv[service], topology.sample) as Record<string, unknown>;
      for (const variable of Object.keys(topology.variables)) expect(config[variable]).toBeDefined();
    }
  });

  it("scales the matcher with KEDA's trigger for it, on the match queue's wait list", () => {
    const objects = rendered.get(`${component}+keda`)!;
    const scaledObject = named(objects, 'ScaledObject', 'matcher') as unknown as {
      spec: {
        triggers: Array<{
          type: string;
          metadata: Record<string, string>;
          authenticationRef: { name: string };
        }>;
      };
    };
    expect(scaledObject.spec.triggers).toHaveLength(1);
    const [trigger] = scaledObject.spec.triggers;
    expect(trigger?.type).toBe(topology.trigger);
    const prefix = effectiveConfig('matcher', {}).REDIS_PREFIX;
    expect(trigger?.metadata.listName).toBe(`${prefix}:${QUEUE_NAMES.match}:wait`);
    const auth = named(
      objects,
      'TriggerAuthentication',
      trigger?.authenticationRef.name ?? '',
    ) as unknown as {
      spec: { secretTargetRef: Array<{ parameter: string; name: string; key: string }> };
    };
    expect(auth.spec.secretTargetRef).toEqual(topology.auth);
  });

  it('lets every service, and no other pod, reach Redis on the ports the topology needs', () => {
    for (const objects of both()) {
      const policies = ofKind(objects, 'NetworkPolicy') as unknown as Policy[];
      const redis = { address: '10.20.30.40' };
      const pod = (name: string) => ({
        pod: { namespace: 'tidal-remedy', labels: { 'app.kubernetes.io/name': name } },
      });
      for (const port of topology.ports) {
        for (const service of SERVICES)
          expect(mayConnect(policies, pod(service), redis, port), service).toBe(true);
        expect(mayConnect(policies, pod('stranger'), redis, port)).toBe(false);
      }
    }
  });

  it('leaves production without KEDA with its HPA and no KEDA object', () => {
    const objects = rendered.get(component)!;
    expect(ofKind(objects, 'ScaledObject')).toHaveLength(0);
    expect(ofKind(objects, 'TriggerAuthentication')).toHaveLength(0);
    expect(named(objects, 'HorizontalPodAutoscaler', 'matcher')).toBeDefined();
  });
});
