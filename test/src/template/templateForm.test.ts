import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { customizeValidator } from '@rjsf/validator-ajv8';
import ajvErrors from 'ajv-errors';
import type { RJSFSchema } from '@rjsf/utils';

/**
 * The onboarding template's form, validated exactly as the scaffolder's form validates a step:
 * @rjsf/validator-ajv8 with ajv-errors added (what scaffolder-react's Stepper does), so the
 * messages asserted here are the ones a user sees under each field.
 */
const TEMPLATE = join(
  __dirname,
  '..',
  '..',
  '..',
  'examples',
  'template',
  'template.yaml',
);
const template = parse(readFileSync(TEMPLATE, 'utf8'));
const steps: RJSFSchema[] = template.spec.parameters;
const [serviceStep, readinessStep] = steps;

const validator = customizeValidator();
ajvErrors(validator.ajv as any);

/** Field path → messages shown under that field. */
function fieldErrors(schema: RJSFSchema, formData: Record<string, unknown>) {
  const { errorSchema } = validator.validateFormData(formData, schema);
  const out: Record<string, string[]> = {};
  const walk = (node: any, path: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '__errors') out[path] = value as string[];
      else walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(errorSchema, '');
  return out;
}

const validService = {
  name: 'ledger',
  owner: 'group:default/data-engineering',
  system: 'system:default/254carbon-data-platform',
  image: 'harbor.254carbon.com/data-platform/ledger:1.0.0',
  port: 8080,
};

describe('the onboarding template form', () => {
  it('accepts a valid service and readiness step', () => {
    expect(fieldErrors(serviceStep, validService)).toEqual({});
    expect(
      fieldErrors(readinessStep, {
        namespace: 'data-platform',
        hosts: ['ledger.254carbon.com'],
        secretsPath: 'data-platform/ledger',
        dependencies: ['minio:9000', 'storage/minio'],
      }),
    ).toEqual({});
  });

  it('explains a bad name in words, not as a regular expression', () => {
    const errors = fieldErrors(serviceStep, {
      ...validService,
      name: 'Ledger_API',
    });
    expect(errors.name).toEqual([
      "use lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. ledger-api)",
    ]);
    const long = fieldErrors(serviceStep, {
      ...validService,
      name: 'a'.repeat(64),
    });
    expect(long.name).toEqual([
      '63 characters at most (it becomes a Kubernetes name)',
    ]);
  });

  it('gives every patterned field a human message', () => {
    const service = fieldErrors(serviceStep, {
      ...validService,
      image: 'Harbor/ledger',
      port: 70000,
    });
    expect(service.image?.[0]).toMatch(/^write registry\/repository:tag/);
    expect(service.port).toEqual(['a port between 1 and 65535']);

    const readiness = fieldErrors(readinessStep, {
      namespace: 'data-platform',
      hosts: ['*.254carbon.com'],
      secretsPath: '/data-platform//ledger',
      dependencies: ['Minio:9000'],
    });
    expect(readiness['hosts.0']?.[0]).toMatch(/^a DNS name in lowercase/);
    expect(readiness.secretsPath?.[0]).toMatch(/^segments of letters, digits/);
    expect(readiness['dependencies.0']?.[0]).toMatch(
      /^a service as <name> or <namespace>\/<name>/,
    );

    const all = [...Object.values(service), ...Object.values(readiness)].flat();
    for (const message of all)
      expect(message).not.toMatch(/must match pattern|\^\[/);
  });

  it('names a prefilled namespace that is not on the allow-list and says where the list comes from', () => {
    const errors = fieldErrors(readinessStep, { namespace: 'kube-system' });
    expect(errors.namespace).toEqual([
      '"kube-system" is not a namespace onboarding may write to; choose one from the list, or ask the platform team to add it to readiness.onboarding.allowedNamespaces',
    ]);
  });

  it('writes placeholders in help texts as code, so Markdown does not drop them as HTML tags', () => {
    const descriptions = steps.flatMap(step =>
      Object.values(step.properties ?? {}).map(
        (p: any) => (p.description as string | undefined) ?? '',
      ),
    );
    const withPlaceholders = descriptions.filter(d => d.includes('<'));
    expect(withPlaceholders.length).toBeGreaterThan(0);
    for (const text of withPlaceholders) {
      // Outside backticks, "<name>" is raw HTML to a Markdown renderer.
      const outsideCode = text.replace(/`[^`]*`/g, '');
      expect(outsideCode).not.toMatch(/<[a-z]/i);
    }
    expect(readinessStep.properties?.secretsPath).toMatchObject({
      description: expect.stringContaining('`<namespace>/<name>`'),
    });
  });
});
