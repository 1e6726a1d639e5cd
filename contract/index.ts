export * from './api';
export * from './channels';
export * from './errors';
export * from './events';
export * from './catalogue';
export * from './names';
