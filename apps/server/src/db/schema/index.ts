export * from './accounts';
export * from './activities';
export * from './applications';
export * from './audit';
export * from './organizations';
export * from './regions';
export * from './settings';
export * from './volunteers';
