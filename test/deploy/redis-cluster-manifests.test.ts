import { loadConfig, serviceEnv } from '@tidal-remedy/config';
import { QUEUE_NAMES } from '@tidal-remedy/queue';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateK8sObject } from './support/kubernetes-models.js';
import { type K8sObject, kustomizeBuildWith, named, ofKind } from './support/kustomize.js';
import { effectiveConfig } from './support/service-facts.js';

/**
 * The redis-cluster component (k8s/components/redis-cluster) on production, with and without KEDA: every
 * service gets the cluster's nodes, and KEDA's redis-cluster trigger, beside the list trigger of
 * keda-matcher, reads the match queue's wait list under the matcher's prefix.
 */
const SERVICES = ['api', 'fetcher', 'matcher', 'publisher'] as const;
let withKeda: K8sObject[];
let withoutKeda: K8sObject[];

beforeAll(async () => {
  withKeda = await kustomizeBuildWith('production-keda', ['redis-cluster']);
  withoutKeda = await kustomizeBuildWith('production', ['redis-cluster']);
});

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
const containerOf = (objects: K8sObject[], name: string) =>
  (
    named(objects, 'Deployment', name) as unknown as {
      spec: { template: { spec: { containers: Array<{ env: EnvVar[] }> } } };
    }
  ).spec.template.spec.containers[0]!;

describe('k8s/components/redis-cluster', () => {
  it('renders valid objects (their schemas, KEDA CRDs included)', () => {
    for (const object of [...withKeda, ...withoutKeda]) validateK8sObject(object);
  });

  it.each(SERVICES)(
    'gives %s the nodes of the cluster, from the Redis Secret, beside REDIS_URL',
    (service) => {
      for (const objects of [withKeda, withoutKeda]) {
        const env = containerOf(objects, service).env;
        const nodes = env.find((variable) => variable.name === 'REDIS_CLUSTER_NODES');
        expect(nodes?.valueFrom?.secretKeyRef).toEqual({ name: 'tidal-remedy-redis', key: 'cluster-nodes' });
        expect(env.some((variable) => variable.name === 'REDIS_URL')).toBe(true);
        // The variable is the service's own: its config reads a value of that form as a cluster.
        expect(serviceEnv[service].shape).toHaveProperty('REDIS_CLUSTER_NODES');
        const config = loadConfig(serviceEnv[service], { REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1:6379' });
        expect(config.REDIS_CLUSTER_NODES).toHaveLength(2);
      }
    },
  );

  it("scales the matcher with KEDA's redis-cluster trigger on the match queue's wait list", () => {
    const scaledObject = named(withKeda, 'ScaledObject', 'matcher') as unknown as {
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
    expect(trigger?.type).toBe('redis-cluster');
    const prefix = effectiveConfig('matcher', {}).REDIS_PREFIX;
    expect(trigger?.metadata.listName).toBe(`${prefix}:${QUEUE_NAMES.match}:wait`);
    expect(Number(trigger?.metadata.listLength)).toBeGreaterThan(0);
    const auth = named(
      withKeda,
      'TriggerAuthentication',
      trigger?.authenticationRef.name ?? '',
    ) as unknown as {
      spec: { secretTargetRef: Array<{ parameter: string; name: string; key: string }> };
    };
    expect(auth.spec.secretTargetRef).toEqual([
      { parameter: 'addresses', name: 'tidal-remedy-redis', key: 'cluster-nodes' },
      { parameter: 'password', name: 'tidal-remedy-redis', key: 'password' },
    ]);
  });

  it('leaves production without KEDA as it was otherwise: its HPA, and no KEDA object', () => {
    expect(ofKind(withoutKeda, 'ScaledObject')).toHaveLength(0);
    expect(ofKind(withoutKeda, 'TriggerAuthentication')).toHaveLength(0);
    expect(named(withoutKeda, 'HorizontalPodAutoscaler', 'matcher')).toBeDefined();
  });
});
