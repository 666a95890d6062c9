export * from './schemas';
export * from './dates';
export * from './periods';
export * from './money';
export * from './compare';
export * from './validation';
export * from './commission';
