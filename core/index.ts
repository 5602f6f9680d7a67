/** The I/O-free domain core shared by the scripts and the add-in. */
export * from './types';
export * from './grid';
export * from './text';
export * from './numbers';
export * from './units';
export * from './dates';
export * from './schema';
export * from './headers';
export * from './messages';
export * from './roster';
export * from './table';
export * from './extract';
export * from './analyze';
export * from './consolidate';
export * from './report';
export * from './config';
export * from './town-report';
