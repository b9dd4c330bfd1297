import type { Rule } from '../rule';
import { checkLimit } from './checkLimit';
import { cmdArgvSpaces } from './cmdArgvSpaces';
import { cmdShellExtraArgs } from './cmdShellExtraArgs';
import { cmdShellSyntax } from './cmdShellSyntax';
import { curlWithoutFail } from './curlWithoutFail';
import { dependsOnCondition } from './dependsOnCondition';
import { dependsOnUnknownService } from './dependsOnUnknownService';
import { disableHidesImageCheck } from './disableHidesImageCheck';
import { disableNotBoolean } from './disableNotBoolean';
import { disableWithTest } from './disableWithTest';
import { durationBelowMinimum } from './durationBelowMinimum';
import { durationInvalid } from './durationInvalid';
import { durationMissingUnit } from './durationMissingUnit';
import { exitCode2 } from './exitCode2';
import { extendsInvalid } from './extendsInvalid';
import { healthcheckType } from './healthcheckType';
import { healthcheckUnknownKey } from './healthcheckUnknownKey';
import { healthyDependencyDisabled } from './healthyDependencyDisabled';
import { healthyDependencyNoHealthcheck } from './healthyDependencyNoHealthcheck';
import { interpolationFormat } from './interpolationFormat';
import { invalidStructure } from './invalidStructure';
import { retriesNegative } from './retriesNegative';
import { stackDependsOnNotList } from './stackDependsOnNotList';
import { stackIgnoresContainerName } from './stackIgnoresContainerName';
import { stackIgnoresDependsOn } from './stackIgnoresDependsOn';
import { stackIgnoresRestart } from './stackIgnoresRestart';
import { stackUpdateMonitorTooShort } from './stackUpdateMonitorTooShort';
import { startIntervalEngineTooOld } from './startIntervalEngineTooOld';
import { startIntervalExceedsInterval } from './startIntervalExceedsInterval';
import { startIntervalWithoutStartPeriod } from './startIntervalWithoutStartPeriod';
import { testAlwaysPasses } from './testAlwaysPasses';
import { testEmpty } from './testEmpty';
import { testHostVariable } from './testHostVariable';
import { testMissingType } from './testMissingType';
import { testNoCommand } from './testNoCommand';
import { testNoneWithCommand } from './testNoneWithCommand';
import { testNoneString } from './testNoneString';
import { testUnknownType } from './testUnknownType';
import { timingWithoutImageCheck } from './timingWithoutImageCheck';
import { timingWithoutTest } from './timingWithoutTest';
import { yamlSyntax } from './yamlSyntax';
import { zeroMeansDefault } from './zeroMeansDefault';

/** Every rule, in the order their findings are computed (the output is sorted by position). */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  checkLimit,
  interpolationFormat,
  invalidStructure,
  healthcheckType,
  healthcheckUnknownKey,
  durationMissingUnit,
  durationInvalid,
  durationBelowMinimum,
  zeroMeansDefault,
  retriesNegative,
  testEmpty,
  testNoneString,
  testNoneWithCommand,
  testNoCommand,
  testUnknownType,
  testMissingType,
  cmdShellSyntax,
  cmdArgvSpaces,
  cmdShellExtraArgs,
  testHostVariable,
  curlWithoutFail,
  exitCode2,
  testAlwaysPasses,
  disableWithTest,
  disableNotBoolean,
  startIntervalWithoutStartPeriod,
  startIntervalExceedsInterval,
  startIntervalEngineTooOld,
  timingWithoutTest,
  timingWithoutImageCheck,
  disableHidesImageCheck,
  extendsInvalid,
  dependsOnUnknownService,
  dependsOnCondition,
  healthyDependencyDisabled,
  healthyDependencyNoHealthcheck,
  stackDependsOnNotList,
  stackIgnoresDependsOn,
  stackIgnoresRestart,
  stackIgnoresContainerName,
  stackUpdateMonitorTooShort,
];
