export * from './application';
export * from './common';
export * from './organization';
export * from './volunteer';
