export * from './duration';
export * from './healthcheckSpec';
export * from './load';
export * from './model';
export * from './range';
