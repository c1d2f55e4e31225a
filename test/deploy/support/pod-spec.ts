import type { IIoK8sApiCoreV1Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1PodSpec } from 'kubernetes-models/v1/PodSpec';
import { type K8sObject, named } from './kustomize.js';

/** The environment a container gets: every variable name, and the values the manifests spell out. */
export interface ContainerEnv {
  names: string[];
  /** From `value:` and from ConfigMaps; a variable from a Secret has a name here but no value. */
  literals: Record<string, string>;
  /** The Secret keys the variables come from. */
  secretKeys: Array<{ name: string; key: string }>;
}

export function containerEnv(objects: K8sObject[], container: IIoK8sApiCoreV1Container): ContainerEnv {
  const names: string[] = [];
  const literals: Record<string, string> = {};
  const secretKeys: Array<{ name: string; key: string }> = [];
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const configMap = named(objects, 'ConfigMap', source.configMapRef.name ?? '');
      if (!configMap) throw new Error(`${container.name}: no ConfigMap ${source.configMapRef.name}`);
      for (const [name, value] of Object.entries((configMap.data ?? {}) as Record<string, string>)) {
        names.push(`${source.prefix ?? ''}${name}`);
        literals[`${source.prefix ?? ''}${name}`] = value;
      }
    }
    if (source.secretRef) throw new Error(`${container.name}: envFrom a Secret hides its variable names`);
  }
  for (const variable of container.env ?? []) {
    names.push(variable.name);
    if (variable.value !== undefined) literals[variable.name] = variable.value;
    const secretKey = variable.valueFrom?.secretKeyRef;
    if (secretKey?.name) secretKeys.push({ name: secretKey.name, key: secretKey.key });
  }
  return { names, literals, secretKeys };
}

/** A probe's or a Service's port as a number: a named port is looked up among the container's ports. */
export function resolvePort(container: IIoK8sApiCoreV1Container, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const found = container.ports?.find((candidate) => candidate.name === port);
  if (!found) throw new Error(`${container.name}: no port named ${port}`);
  return found.containerPort;
}

/** The Secrets a pod mounts as volumes, by volume name. */
export function secretVolumes(pod: IIoK8sApiCoreV1PodSpec): Map<string, string> {
  return new Map(
    (pod.volumes ?? []).flatMap((volume) =>
      volume.secret?.secretName ? [[volume.name, volume.secret.secretName] as const] : [],
    ),
  );
}
