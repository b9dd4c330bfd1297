export * from './analyze';
export * from './duration';
export * from './healthcheckSpec';
export * from './interpolate';
export * from './limits';
export * from './load';
export * from './model';
export * from './range';
