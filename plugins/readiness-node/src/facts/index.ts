export * from './read';
export * from './kubernetes';
export * from './vault';
export * from './tls';
export * from './prometheus';
