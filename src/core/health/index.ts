export * from './coalesce';
export * from './model';
export * from './monitor';
export * from './probeText';
export * from './reducer';
export * from './select';
export * from './store';
export * from './workspace';
