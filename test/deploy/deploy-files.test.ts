// Offline validation of deploy/ (no Docker engine, kubectl or promtool here): every YAML parses,
// the manifests hang together, alert rules only use metrics Parley exports, and the Dockerfile
// copies paths that exist and keeps the production points (stages, non-root, HEALTHCHECK, tini).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseEventBrokerConfig } from '../../src/broker/broker-config.js';
import { createMetrics } from '../../src/observability/metrics.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
type Obj = Record<string, unknown>;
const read = (p: string): string => readFileSync(join(DEPLOY, p), 'utf8');
const yamlDocs = (p: string): Obj[] => parseAllDocuments(read(p)).map((d) => {
  expect(d.errors, p).toEqual([]);
  return d.toJS() as Obj;
});
const at = (o: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], o);

function k8sObjects(): Obj[] {
  return readdirSync(join(DEPLOY, 'k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').flatMap((f) => yamlDocs(`k8s/${f}`));
}
const byKind = (kind: string): Obj => {
  const o = k8sObjects().find((x) => x['kind'] === kind);
  if (!o) throw new Error(`no ${kind}`);
  return o;
};

describe('deploy/k8s', () => {
  it('every object has apiVersion, kind and a name, and the kustomization lists every file', () => {
    for (const o of k8sObjects()) {
      expect(typeof o['apiVersion']).toBe('string');
      expect(typeof o['kind']).toBe('string');
      expect(typeof at(o, 'metadata', 'name')).toBe('string');
    }
    const files = readdirSync(join(DEPLOY, 'k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
    expect([...(yamlDocs('k8s/kustomization.yaml')[0]?.['resources'] as string[])].sort()).toEqual(files);
    expect(k8sObjects().map((o) => o['kind']).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Secret', 'Service']);
  });

  it('the Deployment probes the health endpoints, has requests and limits, and drains before SIGKILL', () => {
    const dep = byKind('Deployment');
    const pod = at(dep, 'spec', 'template', 'spec') as Obj;
    const c = at(pod, 'containers', 0) as Obj;
    expect(at(c, 'livenessProbe', 'httpGet')).toEqual({ path: '/health/live', port: 'http' });
    expect(at(c, 'readinessProbe', 'httpGet')).toEqual({ path: '/health/ready', port: 'http' });
    expect(at(c, 'ports', 0)).toMatchObject({ name: 'http', containerPort: 5005 });
    for (const kind of ['requests', 'limits']) {
      expect(at(c, 'resources', kind, 'cpu')).toBeDefined();
      expect(at(c, 'resources', kind, 'memory')).toBeDefined();
    }
    const sleep = Number((at(c, 'lifecycle', 'preStop', 'exec', 'command') as string[])[1]);
    expect(sleep).toBeGreaterThan(0);
    expect(pod['terminationGracePeriodSeconds'] as number).toBeGreaterThan(sleep + 20);
    expect(at(pod, 'securityContext', 'runAsNonRoot')).toBe(true);
    // the selector, the Service, the PDB and the HPA all point at this pod template
    const labels = at(dep, 'spec', 'template', 'metadata', 'labels') as Obj;
    expect(at(dep, 'spec', 'selector', 'matchLabels')).toEqual(labels);
    expect(labels).toMatchObject(at(byKind('Service'), 'spec', 'selector') as Obj);
    expect(labels).toMatchObject(at(byKind('PodDisruptionBudget'), 'spec', 'selector', 'matchLabels') as Obj);
    expect(at(byKind('HorizontalPodAutoscaler'), 'spec', 'scaleTargetRef', 'name')).toBe(at(dep, 'metadata', 'name'));
    expect(at(byKind('HorizontalPodAutoscaler'), 'spec', 'metrics', 0, 'resource', 'name')).toBe('cpu');
    expect(at(c, 'envFrom', 0, 'secretRef', 'name')).toBe(at(byKind('Secret'), 'metadata', 'name'));
    const configVolume = (pod['volumes'] as Obj[]).find((v) => v['name'] === 'config');
    expect(at(configVolume, 'configMap', 'name')).toBe(at(byKind('ConfigMap'), 'metadata', 'name'));
  });

  it('the ConfigMap holds a valid endpoints.yml whose secrets come from the Secret', () => {
    const data = at(byKind('ConfigMap'), 'data') as Record<string, string>;
    const endpoints = parse(data['endpoints.yml'] ?? '') as Obj;
    expect(parseEventBrokerConfig(endpoints['event_broker'])).toMatchObject({ type: 'pika', queues: ['rasa_core_events'] });
    const secretKeys = Object.keys(at(byKind('Secret'), 'stringData') as Obj);
    for (const [, name] of (data['endpoints.yml'] ?? '').matchAll(/\$\{([A-Z_]+)\}/g)) expect(secretKeys).toContain(name);
    for (const key of ['PARLEY_ENCRYPTION_KEYS', 'PARLEY_LLM_API_KEY', 'PARLEY_AUTH_TOKEN']) expect(secretKeys).toContain(key);
  });
});

describe('deploy/prometheus/alerts.yml', () => {
  it('has the required alerts, each with an expression over metrics Parley exports', async () => {
    const rules = ((yamlDocs('prometheus/alerts.yml')[0]?.['groups'] as Obj[]) ?? []).flatMap((g) => g['rules'] as Obj[]);
    const exported = [...(await createMetrics().exposition()).matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    for (const r of rules) {
      expect(typeof r['alert']).toBe('string');
      expect(typeof r['expr']).toBe('string');
      expect(at(r, 'annotations', 'summary')).toBeDefined();
      for (const [name] of String(r['expr']).matchAll(/parley_[a-z_]+/g)) {
        expect(exported, `${String(r['alert'])}: ${name}`).toContain(name.replace(/_(bucket|count|sum)$/, ''));
      }
    }
    expect(rules.map((r) => r['alert'])).toEqual(expect.arrayContaining([
      'ParleyTurnErrorRateHigh', 'ParleyTurnLatencyP99High', 'ParleyLowConfidenceSpike', 'ParleySlotFillFailureRateHigh',
      'ParleyLlmBreakerOpen', 'ParleyEventBrokerDropping', 'ParleyReadinessFlapping',
    ]));
  });
});

interface Instruction { op: string; args: string }

function dockerfile(): Instruction[] {
  const joined = read('Dockerfile').replace(/\\\n/g, ' ');
  return joined.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => { const [op = '', ...rest] = l.split(/\s+/); return { op: op.toUpperCase(), args: rest.join(' ') }; });
}

describe('deploy/Dockerfile', () => {
  it('builds in stages and runs as a non-root user under tini, with a HEALTHCHECK on /health/live', () => {
    const ins = dockerfile();
    const froms = ins.filter((i) => i.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(3);
    const finalStart = ins.lastIndexOf(froms.at(-1) as Instruction);
    const final = ins.slice(finalStart);
    expect(final.find((i) => i.op === 'USER')?.args).toMatch(/^(node|[1-9]\d*)$/);
    expect(final.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('/health/live');
    expect(final.find((i) => i.op === 'EXPOSE')?.args).toBe('5005');
    expect(final.find((i) => i.op === 'ENTRYPOINT')?.args).toMatch(/tini.*parley\.js", "run"/);
    expect(ins.find((i) => i.op === 'RUN' && i.args.includes('--omit=dev'))).toBeDefined();
    // the dependency layer is copied before the source, so source edits keep it cached
    const firstPkg = ins.findIndex((i) => i.op === 'COPY' && i.args.includes('package.json'));
    const firstSrc = ins.findIndex((i) => i.op === 'COPY' && /\bsrc\b/.test(i.args));
    expect(firstPkg).toBeLessThan(firstSrc);
  });

  it('copies only paths that exist in the build context and that .dockerignore keeps', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    const copies = dockerfile().filter((i) => i.op === 'COPY' && !i.args.includes('--from='));
    for (const c of copies) {
      const parts = c.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      for (const src of parts.slice(0, -1)) {
        const optional = src.endsWith('*');
        const path = src.replace(/\*$/, '');
        if (!optional) expect(existsSync(join(ROOT, path)), src).toBe(true);
        expect(ignored, src).not.toContain(path);
      }
    }
  });
});

describe('deploy/docker-compose.yml', () => {
  it('runs two Parley containers, PostgreSQL, Redis, RabbitMQ and an action server, with healthchecks', () => {
    const compose = yamlDocs('docker-compose.yml')[0] as Obj;
    const services = compose['services'] as Record<string, Obj>;
    for (const name of ['parley-1', 'parley-2', 'postgres', 'redis', 'rabbitmq', 'action-server', 'nginx']) {
      expect(services[name], name).toBeDefined();
      expect(services[name]?.['healthcheck'], name).toBeDefined();
    }
    expect(JSON.stringify(services['parley-1']?.['healthcheck'])).toContain('/health/ready');
    for (const v of services['parley-1']?.['volumes'] as string[]) expect(existsSync(join(DEPLOY, v.split(':')[0] ?? '')), v).toBe(true);
    expect(parseEventBrokerConfig((parse(read('config/endpoints.yml')) as Obj)['event_broker'])).toMatchObject({ type: 'pika' });
  });
});
