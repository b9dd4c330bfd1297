/**
 * The engine-level form of a healthcheck: what Compose sends to the Docker Engine and what the engine
 * reports back in `Config.Healthcheck` (moby api/types/container.HealthConfig). Durations are in
 * nanoseconds, as the Engine API has them; 0 or undefined means "unset" (image value, else default).
 */
export interface HealthcheckSpec {
  /** `["CMD", …]`, `["CMD-SHELL", cmd, …]` or `["NONE"]`; undefined = keep the image's HEALTHCHECK test. */
  test?: string[];
  intervalNs?: number;
  timeoutNs?: number;
  startPeriodNs?: number;
  startIntervalNs?: number;
  retries?: number;
}

/** Engine defaults (moby daemon/health.go, Engine ≥ 27 for the start interval). */
export const ENGINE_DEFAULTS = {
  intervalNs: 30e9,
  timeoutNs: 30e9,
  startPeriodNs: 0,
  startIntervalNs: 5e9,
  retries: 3,
} as const;

export interface EffectiveHealthcheck {
  /** undefined when neither the file nor the image defines a test: nothing is probed. */
  test?: string[];
  disabled: boolean;
  intervalNs: number;
  timeoutNs: number;
  startPeriodNs: number;
  startIntervalNs: number;
  retries: number;
}

/**
 * Applies the engine's rules: a zero/unset value takes the image's value, else the default;
 * retries <= 0 means the default 3 (moby daemon/health.go); a test of NONE (or empty) disables probing.
 */
export function effectiveHealthcheck(file: HealthcheckSpec | undefined, image?: HealthcheckSpec): EffectiveHealthcheck {
  const pick = (key: 'intervalNs' | 'timeoutNs' | 'startPeriodNs' | 'startIntervalNs'): number =>
    (file?.[key] || image?.[key] || ENGINE_DEFAULTS[key]) as number;
  const test = file?.test && file.test.length > 0 ? file.test : image?.test;
  const retries = (file?.retries ?? 0) > 0 ? file!.retries! : (image?.retries ?? 0) > 0 ? image!.retries! : ENGINE_DEFAULTS.retries;
  return {
    test,
    disabled: test !== undefined && (test.length === 0 || test[0] === 'NONE'),
    intervalNs: pick('intervalNs'),
    timeoutNs: pick('timeoutNs'),
    startPeriodNs: pick('startPeriodNs'),
    startIntervalNs: pick('startIntervalNs'),
    retries,
  };
}
