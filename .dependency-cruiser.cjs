// The suite's boundary rules (issue 14; docs/adr/0012-boundaries-checked-by-dependency-cruiser.md),
// checked by `./suite test` (and `npm run boundaries`). A rule names what it keeps and why.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-and-kernel-know-no-context',
      comment: 'The shared kernel and the platform (tenancy, outbox, ORM, Temporal client) are below every context: they never import one.',
      severity: 'error',
      from: { path: '^backend/src/(platform|kernel)/' },
      to: { path: '^backend/src/contexts/' },
    },
    {
      name: 'contexts-meet-through-their-public-entry',
      comment: "A context reaches another only through that context's index.ts (its commands, queries, events and read contracts).",
      severity: 'error',
      from: { path: '^backend/src/contexts/([^/]+)/' },
      to: { path: '^backend/src/contexts/', pathNot: ['^backend/src/contexts/$1/', '^backend/src/contexts/[^/]+/index\\.ts$'] },
    },
    {
      name: 'domain-is-plain',
      comment: 'Domain code imports no framework, database, HTTP or workflow client, and no infrastructure or application code of its own context.',
      severity: 'error',
      from: { path: '^backend/src/contexts/[^/]+/domain/' },
      to: {
        path: [
          '^backend/src/contexts/[^/]+/(infrastructure|application|api)/',
          '^backend/src/platform/(database|http|temporal|outbox|cqrs|tenancy|notifications|attachments|auth|documents|health)/',
          'node_modules/(@nestjs|pg|@temporalio/(client|worker)|express|@mikro-orm/(core|postgresql|migrations))/',
        ],
      },
    },
    {
      name: 'workflows-stay-deterministic',
      comment: 'Workflow code imports only the Temporal workflow API and its own contracts (the backend is reached through activities).',
      severity: 'error',
      from: { path: '^workflows/src/' },
      to: { path: ['^backend/', '^frontend/', 'node_modules/(@temporalio/(client|worker|activity)|pg|@nestjs)/'] },
    },
    {
      name: 'frontend-never-imports-the-backend',
      severity: 'error',
      from: { path: '^frontend/src/' },
      to: { path: '^backend/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, in any project.',
      severity: 'error',
      from: { path: '^(backend|frontend|workflows)/src/' },
      to: { circular: true },
    },
    {
      name: 'no-undeclared-packages',
      comment: 'Every package a file imports is declared in the package.json of its project (or the root for shared tooling).',
      severity: 'error',
      from: { path: '^(backend|frontend|workflows|deploy|test)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'runtime-code-uses-no-dev-dependency',
      comment: "What runs in production (the backend's and the workflows' src) imports no devDependency.",
      severity: 'error',
      from: { path: '^(backend|workflows)/src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.angular|coverage)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types', 'typings'] },
    tsConfig: { fileName: 'tsconfig.base.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
