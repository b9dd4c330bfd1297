import type { DockerfileRule } from '../rule';
import { checkLimit } from './checkLimit';
import { cmdShellSyntax } from './cmdShellSyntax';
import { curlWithoutFail } from './curlWithoutFail';
import { dockerfileEscapeInvalid } from './dockerfileEscapeInvalid';
import { dockerfileNotText } from './dockerfileNotText';
import { durationBelowMinimum } from './durationBelowMinimum';
import { durationInvalid } from './durationInvalid';
import { durationMissingUnit } from './durationMissingUnit';
import { healthcheckFlagInvalid } from './healthcheckFlagInvalid';
import { healthcheckJsonInvalid } from './healthcheckJsonInvalid';
import { healthcheckJsonNotStrings } from './healthcheckJsonNotStrings';
import { healthcheckMissingCommand } from './healthcheckMissingCommand';
import { healthcheckNoShell } from './healthcheckNoShell';
import { healthcheckNoneArguments } from './healthcheckNoneArguments';
import { healthcheckOverridden } from './healthcheckOverridden';
import { healthcheckToolInOtherStage } from './healthcheckToolInOtherStage';
import { healthcheckUnknownType } from './healthcheckUnknownType';
import { retriesNegative } from './retriesNegative';

/** Every Dockerfile rule; the codes shared with compose rules mean the same mistake (docs/rules.md). */
export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  checkLimit,
  dockerfileNotText,
  dockerfileEscapeInvalid,
  healthcheckMissingCommand,
  healthcheckUnknownType,
  healthcheckNoneArguments,
  healthcheckFlagInvalid,
  durationMissingUnit,
  durationInvalid,
  durationBelowMinimum,
  retriesNegative,
  healthcheckJsonNotStrings,
  healthcheckJsonInvalid,
  cmdShellSyntax,
  curlWithoutFail,
  healthcheckOverridden,
  healthcheckNoShell,
  healthcheckToolInOtherStage,
];
