/**
 * The dependency direction of the tree (issue 12), checked by `npm run lint` in CI:
 * a lib is used only through its public face (`#libs/<x>`, i.e. libs/<x>/src/index.ts), and no chain
 * of imports leaves a lib and comes back to it. libs/composition is the composition root: only apps,
 * tests and benchmarks import it.
 */
module.exports = {
  forbidden: [
    {
      name: 'lib-internals',
      comment: 'Import another lib through its index (`#libs/<x>`), never its internal files.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'app-lib-internals',
      comment: 'Apps use libs through their index (`#libs/<x>`) only.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'lib-cycle',
      comment: 'A cycle through two or more libs: the lower lib must not know the higher one.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, viaSomeNot: '^libs/$1/' },
    },
    {
      name: 'composition-root',
      comment: 'libs/composition lists every context: a lib that imported it would import itself.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/composition/' },
      to: { path: '^libs/composition/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      // '#libs/<x>' resolves through package.json "imports" with the condition tsconfig uses.
      conditionNames: ['source', 'import'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
