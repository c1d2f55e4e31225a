import { BlockList, isIPv6 } from 'node:net';
import type { IIoK8sApiNetworkingV1NetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { IIoK8sApiNetworkingV1NetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { IIoK8sApiNetworkingV1NetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';

type LabelSelector = NonNullable<IIoK8sApiNetworkingV1NetworkPolicyPeer['podSelector']>;

/** A NetworkPolicy as rendered: the fields read here. */
export interface Policy {
  metadata: { name: string; namespace?: string };
  spec?: IIoK8sApiNetworkingV1NetworkPolicySpec;
}

/**
 * What NetworkPolicies allow, read as Kubernetes defines them (networking.k8s.io/v1): a pod selected by a
 * policy of a direction is isolated in that direction, and then takes only what one of those policies'
 * rules allows; a connection needs the source's egress and the destination's ingress. Enough to ask "may A
 * reach B on port P" of rendered manifests; not a network plugin. The cautious reading where the API leaves
 * it to the plugin: an ipBlock never matches a pod (pod addresses are not known here anyway).
 */

export interface PodEndpoint {
  namespace: string;
  /** The namespace's labels; `kubernetes.io/metadata.name` is added, as the API server sets it. */
  namespaceLabels?: Record<string, string>;
  labels: Record<string, string>;
  /** Its containers' named ports, which a policy's port may name. */
  namedPorts?: Record<string, number>;
}

/** A pod in the cluster, or an address outside it. */
export type Endpoint = { pod: PodEndpoint } | { address: string };

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    const ok =
      operator === 'In'
        ? has && values.includes(labels[key] ?? '')
        : operator === 'NotIn'
          ? !has || !values.includes(labels[key] ?? '')
          : operator === 'Exists'
            ? has
            : operator === 'DoesNotExist'
              ? !has
              : fail(`unknown selector operator ${operator}`);
    if (!ok) return false;
  }
  return true;
}

function fail(message: string): never {
  throw new Error(message);
}

function namespaceLabels(pod: PodEndpoint): Record<string, string> {
  return { ...pod.namespaceLabels, 'kubernetes.io/metadata.name': pod.namespace };
}

function inBlock(address: string, cidr: string, except: string[] = []): boolean {
  const family = (text: string) => (isIPv6(text) ? 'ipv6' : 'ipv4');
  const list = (cidrs: string[]) => {
    const blocks = new BlockList();
    for (const entry of cidrs) {
      const [network = '', prefix = ''] = entry.split('/');
      blocks.addSubnet(network, Number(prefix), family(network));
    }
    return blocks;
  };
  const type = family(address);
  if (family(cidr.split('/')[0] ?? '') !== type) return false;
  return list([cidr]).check(address, type) && !list(except).check(address, type);
}

/** Whether a rule's peer (of a policy in `policyNamespace`) is the endpoint. */
function peerMatches(
  peer: IIoK8sApiNetworkingV1NetworkPolicyPeer,
  policyNamespace: string,
  endpoint: Endpoint,
): boolean {
  if (peer.ipBlock)
    return 'address' in endpoint && inBlock(endpoint.address, peer.ipBlock.cidr, peer.ipBlock.except);
  if (!('pod' in endpoint)) return false;
  const { pod } = endpoint;
  const inNamespace = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels(pod))
    : pod.namespace === policyNamespace;
  return inNamespace && selects(peer.podSelector, pod.labels);
}

/** Whether a rule's port entry covers `port` on the destination (a named port is the destination pod's). */
function portMatches(
  entry: IIoK8sApiNetworkingV1NetworkPolicyPort,
  port: number,
  protocol: Protocol,
  destination: Endpoint,
): boolean {
  if ((entry.protocol ?? 'TCP') !== protocol) return false;
  if (entry.port === undefined) return true;
  const first =
    typeof entry.port === 'number'
      ? entry.port
      : 'pod' in destination
        ? destination.pod.namedPorts?.[entry.port]
        : undefined;
  if (first === undefined) return false;
  return entry.endPort === undefined ? port === first : port >= first && port <= entry.endPort;
}

function policyTypes(policy: Policy): string[] {
  return policy.spec?.policyTypes ?? (policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

/** The policies that isolate `pod` in one direction (empty: that direction is open). */
function isolating(policies: Policy[], pod: PodEndpoint, direction: 'Ingress' | 'Egress'): Policy[] {
  return policies.filter(
    (policy) =>
      (policy.metadata.namespace ?? '') === pod.namespace &&
      policyTypes(policy).includes(direction) &&
      selects(policy.spec?.podSelector ?? {}, pod.labels),
  );
}

function egressAllowed(
  policies: Policy[],
  from: PodEndpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol,
): boolean {
  const applying = isolating(policies, from, 'Egress');
  if (applying.length === 0) return true;
  return applying.some((policy) =>
    (policy.spec?.egress ?? []).some(
      (rule) =>
        (rule.to === undefined ||
          rule.to.length === 0 ||
          rule.to.some((peer) => peerMatches(peer, policy.metadata.namespace ?? '', to))) &&
        (rule.ports === undefined ||
          rule.ports.length === 0 ||
          rule.ports.some((entry) => portMatches(entry, port, protocol, to))),
    ),
  );
}

function ingressAllowed(
  policies: Policy[],
  from: Endpoint,
  to: PodEndpoint,
  port: number,
  protocol: Protocol,
): boolean {
  const applying = isolating(policies, to, 'Ingress');
  if (applying.length === 0) return true;
  return applying.some((policy) =>
    (policy.spec?.ingress ?? []).some(
      (rule) =>
        (rule.from === undefined ||
          rule.from.length === 0 ||
          rule.from.some((peer) => peerMatches(peer, policy.metadata.namespace ?? '', from))) &&
        (rule.ports === undefined ||
          rule.ports.length === 0 ||
          rule.ports.some((entry) => portMatches(entry, port, protocol, { pod: to }))),
    ),
  );
}

/** May `from` open a connection to `to` on `port`? Both ends' policies must allow it. */
export function mayConnect(
  policies: Policy[],
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  if ('pod' in from && !egressAllowed(policies, from.pod, to, port, protocol)) return false;
  if ('pod' in to && !ingressAllowed(policies, from, to.pod, port, protocol)) return false;
  return true;
}
