export * from './activity';
export * from './application';
export * from './common';
export * from './credit';
export * from './organization';
export * from './resident';
export * from './volunteer';
export * from './volunteerStats';
