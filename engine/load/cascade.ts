/**
 * Keeps one mistake from producing a cascade of errors elsewhere. A file that fails its own checks contributes no
 * elements, so every reference to them would look unknown; those follow-on errors are dropped until the file is
 * fixed. Likewise a procedure with an unknown step gets no reachability errors (they would only echo it).
 */
import type { DefinitionError } from '../model.js';
import type { CheckedFile } from './check-file.js';
import { isKind } from './schemas.js';

/** Errors (and warnings) that only echo a broken file of a kind. `*`: a file whose kind is unknown. */
const ECHOES: Record<string, string[]> = {
  roles: ['unknown-role', 'target-not-external'],
  parameters: ['unknown-parameter', 'param-type', 'param-value-type', 'param-out-of-bounds', 'param-unset'],
  resolutions: ['param-unset'],
  rules: ['unknown-rule', 'rule-cycle'],
  facts: ['unknown-fact', 'fact-arity'],
  entities: ['unknown-entity', 'no-location', 'bad-record', 'missing-key', 'unknown-record'],
  forms: ['unknown-form'],
  checklists: ['unknown-checklist'],
  procedure: ['unknown-procedure', 'unknown-step', 'unknown-outcome', 'unknown-result'],
  registry: ['unknown-record'],
};

const ALL_ECHOES = [...new Set(Object.values(ECHOES).flat())];

/** The codes to drop, given the files that failed their own checks. */
export function echoCodes(broken: CheckedFile[]): Set<string> {
  const out = new Set<string>();
  for (const c of broken) {
    const kind = (c.file.data as { kind?: unknown } | null | undefined)?.kind;
    // A broken bundle.yaml may hide an `extends`, so every reference may be an echo.
    const codes = isKind(kind) && kind !== 'bundle' ? ECHOES[kind] ?? [] : ALL_ECHOES;
    codes.forEach((code) => { out.add(code); });
  }
  return out;
}

/** Drops echoes from a list of problems. */
export function dropEchoes(list: DefinitionError[], codes: Set<string>): DefinitionError[] {
  return codes.size ? list.filter((e) => !codes.has(e.code)) : list;
}
