import type { ValidationError, ValidatorOptions } from 'class-validator';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

export type { ConstraintMetadata, ValidationMetadata };

/**
 * The versions whose internals the cached and fast validation paths were checked against
 * (spec/calls). Any other installed version takes class-validator's public `validate`.
 */
export const TESTED_CLASS_VALIDATOR = ['0.15.1'];
/** The class-transformer versions whose `plainToInstance` the fast path reproduces. */
export const TESTED_CLASS_TRANSFORMER = ['0.5.1'];

/** class-validator's store as its executor reads it (`validationMetadatas` is private in its types). */
export interface ValidatorStore {
  readonly validationMetadatas: Map<unknown, ValidationMetadata[]>;
  readonly hasValidationMetaData: boolean;
  getTargetValidationMetadatas(
    target: Function,
    targetSchema: string | undefined,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadata[];
  groupByPropertyName(metadatas: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
  getTargetValidatorConstraints(target: Function): ConstraintMetadata[];
}

/** The part of class-validator's `ValidationExecutor` the cached path drives. */
export interface Executor {
  metadataStorage: unknown;
  awaitingPromises: Promise<unknown>[];
  execute(object: object, targetSchema: string | undefined, errors: ValidationError[]): void;
  stripEmptyErrors(errors: ValidationError[]): ValidationError[];
}

/** What the cached path needs from class-validator's internals, or why it cannot have it. */
export type ValidatorInternals =
  { ok: true; newExecutor(options: ValidatorOptions): Executor } | { ok: false; reason: string };

/** class-transformer's store: the maps that say whether a class has any transform metadata. */
export interface TransformerStore {
  _typeMetadatas: Map<Function, unknown>;
  _transformMetadatas: Map<Function, unknown>;
  _exposeMetadatas: Map<Function, unknown>;
  _excludeMetadatas: Map<Function, unknown>;
}

let validatorInternals: ValidatorInternals | undefined;
let transformerStore: TransformerStore | null | undefined;
let warned = false;

/**
 * class-validator's `ValidationExecutor`, when the installed version is one we tested. Checked
 * once, when the calls layer first validates.
 */
export function classValidatorInternals(): ValidatorInternals {
  if (validatorInternals) return validatorInternals;
  validatorInternals = loadValidatorInternals();
  if (!validatorInternals.ok) warnOnce(validatorInternals.reason);
  return validatorInternals;
}

function loadValidatorInternals(): ValidatorInternals {
  try {
    const version = packageVersion('class-validator');
    if (!TESTED_CLASS_VALIDATOR.includes(version)) {
      return {
        ok: false,
        reason: `class-validator ${version} is not a version parallel-tools was tested with`,
      };
    }
    const { ValidationExecutor } = require('class-validator/cjs/validation/ValidationExecutor');
    const { Validator, getFromContainer } = require('class-validator');
    return {
      ok: true,
      // The same Validator instance that class-validator's own `validate` hands its executors.
      newExecutor: (options) => new ValidationExecutor(getFromContainer(Validator), options) as Executor,
    };
  } catch (error) {
    return {
      ok: false,
      reason: `class-validator's internals could not be loaded (${(error as Error).message})`,
    };
  }
}

/** class-transformer's metadata store, when the installed version is one we tested; else null. */
export function classTransformerStore(): TransformerStore | null {
  if (transformerStore !== undefined) return transformerStore;
  try {
    const version = packageVersion('class-transformer');
    if (!TESTED_CLASS_TRANSFORMER.includes(version)) {
      warnOnce(`class-transformer ${version} is not a version parallel-tools was tested with`);
      return (transformerStore = null);
    }
    transformerStore = require('class-transformer/cjs/storage').defaultMetadataStorage as TransformerStore;
  } catch {
    transformerStore = null;
  }
  return transformerStore;
}

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

function warnOnce(reason: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    `${reason}: tool calls are validated through class-validator's public validate() instead of the ` +
      'cached path, which is slower with many registered classes. Results are the same. Install a tested ' +
      `version (class-validator ${TESTED_CLASS_VALIDATOR.join(', ')}, class-transformer ${TESTED_CLASS_TRANSFORMER.join(', ')}) to remove this warning.`,
    { code: 'PARALLEL_TOOLS_UNTESTED_VALIDATOR' },
  );
}
