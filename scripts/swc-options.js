// One SWC configuration for the build (scripts/build.js) and for jest (@swc/jest),
// so tests run exactly the code `npm start` runs. Type checking is `npm run typecheck`.
const path = require('path');

const root = path.resolve(__dirname, '..');

function swcOptions() {
  return {
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      baseUrl: root,
      paths: { '@aftercare/*': ['libs/*/src'] },
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  };
}

module.exports = { swcOptions, root };
