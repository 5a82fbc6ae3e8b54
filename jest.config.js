// Three projects: unit specs beside the code (pure, no I/O), integration specs on the
// real embedded adapters, and end-to-end specs through the real app over HTTP.
const { swcOptions } = require('./scripts/swc-options');

const base = {
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), swcrc: false }],
    // ESM in dependencies of the HTTP host: content-disposition (under @fastify/static, for
    // /docs) is ESM-only and mercurius import()s the ESM-only quick-lru. Node 20 loads both
    // natively; jest's CommonJS runtime cannot, so SWC turns them into CommonJS.
    '/node_modules/(content-disposition|quick-lru)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' }, swcrc: false }],
    '/node_modules/mercurius/index\\.js$': ['@swc/jest', { module: { type: 'commonjs' }, swcrc: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|quick-lru|mercurius)/)'],
  moduleNameMapper: { '^@aftercare/([^/]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  // testTimeout is a global option in jest 29 (ignored inside a project): integration and
  // e2e specs boot SQLite, gRPC doubles or the whole app, so the 5 s default is too tight.
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
