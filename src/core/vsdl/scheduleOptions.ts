import { ParameterError } from '../errors.js';
import { checkSweeps } from './params.js';
import type { ScheduleOverride } from './types.js';

export const DEFAULT_MAX_EQUILIBRATION_SWEEPS = 10000;
export const DEFAULT_MAX_MEASUREMENT_SWEEPS = 20000;

export interface CheckedSchedule {
  equilibrationSweeps?: number;
  measurementSweeps?: number;
  maxEquilibrationSweeps: number;
  maxMeasurementSweeps: number;
}

export function checkSchedule(schedule: ScheduleOverride | undefined): CheckedSchedule {
  if (schedule !== undefined && (schedule === null || typeof schedule !== 'object')) {
    throw new ParameterError('schedule', schedule, 'an object { equilibrationSweeps?, measurementSweeps?, maxEquilibrationSweeps?, maxMeasurementSweeps? }');
  }
  const s = schedule ?? {};
  return {
    equilibrationSweeps: s.equilibrationSweeps === undefined ? undefined : checkSweeps('schedule.equilibrationSweeps', s.equilibrationSweeps),
    measurementSweeps: s.measurementSweeps === undefined ? undefined : checkSweeps('schedule.measurementSweeps', s.measurementSweeps, 1),
    maxEquilibrationSweeps: checkSweeps('schedule.maxEquilibrationSweeps', s.maxEquilibrationSweeps ?? DEFAULT_MAX_EQUILIBRATION_SWEEPS),
    maxMeasurementSweeps: checkSweeps('schedule.maxMeasurementSweeps', s.maxMeasurementSweeps ?? DEFAULT_MAX_MEASUREMENT_SWEEPS, 1),
  };
}
