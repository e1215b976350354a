// `npm run gen`: custom-elements.json from the elements' JSDoc headers and Lit properties.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [
    {
      // The file system lists files in any order; the manifest is compared in CI, so sort it.
      name: 'punchcard-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
