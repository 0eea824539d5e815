import { jest } from '@jest/globals';

// Each integration file clones a database and may start the HTTP app: more than Jest's 5 s default.
jest.setTimeout(30_000);
