import { promises as fs } from 'fs';
import { Exemption, getCheck } from '@254carbon/plugin-readiness-common';
import {
  DEFAULT_ANNOTATION_MAY_LOOSEN,
  DEFAULT_MAX_EXEMPTION_DAYS,
  DEFAULT_PLATFORM,
  DEFAULT_THRESHOLDS,
  parseVaultSnapshot,
  PlatformSettings,
  Thresholds,
  VaultSnapshot,
  thresholdOrderErrors,
  thresholdOverridesSchema,
} from '@254carbon/plugin-readiness-node';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { UsageError } from './UsageError';

async function readText(file: string, flag: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag} ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Every document of a YAML file, with the line it starts on; a syntax error names file and line. */
function yamlDocuments(text: string, file: string, flag: string): { value: any; line: number }[] {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  return parseAllDocuments(text).flatMap(doc => {
    const [error] = doc.errors;
    if (error) {
      throw new UsageError(`${flag} ${file}:${lineOf(error.pos[0])}: invalid YAML: ${error.message.split('\n')[0]}`);
    }
    const value = doc.toJS();
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    return value === null || value === undefined ? [] : [{ value, line: lineOf(start) }];
  });
}

/** A catalog Component with the file and line it is written at (for SARIF locations). */
export interface CatalogComponent {
  entity: Entity;
  file: string;
  line: number;
}

/** The Component entities of catalog files (multi-document YAML); other kinds are ignored. */
export async function readCatalogFiles(files: string[]): Promise<CatalogComponent[]> {
  const out: CatalogComponent[] = [];
  for (const file of files) {
    const docs = yamlDocuments(await readText(file, '--catalog'), file, '--catalog');
    for (const { value, line } of docs) {
      if (value?.kind !== 'Component') continue;
      if (typeof value.metadata?.name !== 'string') {
        throw new UsageError(`--catalog ${file}:${line}: a Component without metadata.name`);
      }
      out.push({ entity: value as Entity, file, line });
    }
  }
  if (out.length === 0) {
    throw new UsageError(`--catalog ${files.join(', ')}: no Component entity found (expected kind: Component documents)`);
  }
  return out;
}

/** What an app-config's `readiness` section sets for the engine, with the engine's defaults. */
export interface AuditSettings {
  thresholds: Thresholds;
  platform: PlatformSettings;
  annotationMayLoosen: readonly string[];
  exemptionMaxDays: number;
  /** `readiness.exemptions`, by normalised entity ref. */
  exemptions: Map<string, Exemption[]>;
}

const exemptionEntry = z
  .object({
    entity: z.string().min(1),
    check: z.string().refine(id => Boolean(getCheck(id)), id => ({ message: `"${id}" is not a check id` })),
    reason: z.string().trim().min(1, 'must say why the check does not apply'),
    expires: z
      .union([z.string(), z.date()])
      .transform(v => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
      .refine(v => !Number.isNaN(new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v).getTime()), {
        message: 'must be a date such as 2027-01-31',
      }),
  })
  .strict();

const normaliseRef = (ref: string) =>
  stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');

/** `readiness.exemptions` entries ({entity, check, reason, expires}), by entity ref. */
function exemptionsByEntity(raw: unknown, where: string, into: Map<string, Exemption[]>) {
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) {
    throw new UsageError(`${where}: expected a list of {entity, check, reason, expires}`);
  }
  raw.forEach((entry, i) => {
    const parsed = exemptionEntry.safeParse(entry);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(issue => `${issue.path.join('.') || 'entry'} ${issue.message}`);
      throw new UsageError(`${where}[${i}]: ${issues.join('; ')}`);
    }
    let ref: string;
    try {
      ref = normaliseRef(parsed.data.entity);
    } catch (e) {
      throw new UsageError(`${where}[${i}].entity: ${(e as Error).message} (expected e.g. component:default/doris)`);
    }
    const list = into.get(ref) ?? [];
    list.push({ checkId: parsed.data.check, reason: parsed.data.reason, expires: parsed.data.expires, origin: 'config' });
    into.set(ref, list);
  });
}

/** Exemptions of one entity from the config and the --exemptions file. */
export function exemptionsOf(settings: AuditSettings, entity: Entity): Exemption[] {
  return settings.exemptions.get(stringifyEntityRef(entity).toLocaleLowerCase('en-US')) ?? [];
}

/**
 * The engine's settings: DEFAULT_THRESHOLDS / DEFAULT_PLATFORM overridden by the `readiness`
 * section of an app-config file (as the backend merges them), plus an exemptions file holding
 * `readiness.exemptions` entries (a list, or an object with `exemptions` or `readiness.exemptions`).
 */
export async function readSettings(configFile?: string, exemptionsFile?: string): Promise<AuditSettings> {
  let readiness: any = {};
  if (configFile) {
    const [doc] = yamlDocuments(await readText(configFile, '--config'), configFile, '--config');
    readiness = doc?.value?.readiness ?? {};
    if (typeof readiness !== 'object' || Array.isArray(readiness)) {
      throw new UsageError(`--config ${configFile}: readiness must be an object`);
    }
  }
  const where = `--config ${configFile}: readiness`;
  const overrides = thresholdOverridesSchema.safeParse(readiness.thresholds ?? {});
  if (!overrides.success) {
    const issues = overrides.error.issues.map(i => `${i.path.join('.') || '(object)'}: ${i.message}`);
    throw new UsageError(`${where}.thresholds: ${issues.join('; ')}`);
  }
  const thresholds = { ...DEFAULT_THRESHOLDS, ...overrides.data } as Thresholds;
  const orderErrors = thresholdOrderErrors(thresholds);
  if (orderErrors.length) throw new UsageError(`${where}.thresholds: ${orderErrors.join('; ')}`);
  const platform = readiness.platform ?? {};
  const exemptions = new Map<string, Exemption[]>();
  exemptionsByEntity(readiness.exemptions, `${where}.exemptions`, exemptions);
  if (exemptionsFile) {
    const [doc] = yamlDocuments(await readText(exemptionsFile, '--exemptions'), exemptionsFile, '--exemptions');
    const value = doc?.value;
    const list = Array.isArray(value) ? value : value?.readiness?.exemptions ?? value?.exemptions;
    if (!Array.isArray(list)) {
      throw new UsageError(
        `--exemptions ${exemptionsFile}: expected a list of {entity, check, reason, expires} (or readiness.exemptions as in app-config)`,
      );
    }
    exemptionsByEntity(list, `--exemptions ${exemptionsFile}`, exemptions);
  }
  return {
    thresholds,
    platform: {
      ...DEFAULT_PLATFORM,
      ...platform,
      monitoring: { ...DEFAULT_PLATFORM.monitoring, ...platform.monitoring },
    },
    annotationMayLoosen: readiness.annotationMayLoosen ?? [...DEFAULT_ANNOTATION_MAY_LOOSEN],
    exemptionMaxDays: readiness.exemptionMaxDays ?? DEFAULT_MAX_EXEMPTION_DAYS,
    exemptions,
  };
}

/**
 * A Vault snapshot file (demo/vault-snapshot.json's shape). In CI a part that is missing or
 * malformed is an input error, not an `unknown` result nobody reads.
 */
export async function readVaultSnapshot(file: string): Promise<VaultSnapshot> {
  let raw: any;
  try {
    raw = JSON.parse(await readText(file, '--vault'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--vault ${file}: not valid JSON (${(e as Error).message})`);
  }
  let parsed: ReturnType<typeof parseVaultSnapshot>;
  try {
    parsed = parseVaultSnapshot(raw, file);
  } catch {
    throw new UsageError(`--vault ${file}: must hold a JSON object shaped like a Vault snapshot`);
  }
  const [part] = parsed.invalidParts;
  if (part) {
    throw new UsageError(`--vault ${file}: "${part}" missing or malformed (expected {"state":"ok","value":…})`);
  }
  return parsed.snapshot;
}
