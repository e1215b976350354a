// `npm run gen`: custom-elements.json from the elements' JSDoc headers and Lit properties.
const { THEME_DEFAULTS, THEME_DESCRIPTIONS } = await import(new URL('./src/components/tokens.ts', import.meta.url).href);
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [
    {
      // The theme's custom properties are the same for every element: one list, src/components/tokens.ts.
      name: 'punchcard-theme-tokens',
      packageLinkPhase({ customElementsManifest }) {
        const cssProperties = Object.entries(THEME_DEFAULTS).map(([name, value]) => ({ description: THEME_DESCRIPTIONS[name], name: `--punchcard-${name}`, default: value }));
        for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
          if (declaration.tagName) declaration.cssProperties = [...cssProperties, ...(declaration.cssProperties ?? [])];
        }
      },
    },
    {
      // Only the elements, and their public members: render functions, controllers, the base class
      // and private members are not public API.
      name: 'punchcard-elements-only',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules = customElementsManifest.modules
          .filter((module) => module.declarations?.some((declaration) => declaration.tagName))
          .map((module) => {
            const names = new Set(module.declarations.filter((declaration) => declaration.tagName).map((declaration) => declaration.name));
            return {
              ...module,
              // Public API only: private and #private members are not for users of the elements.
              declarations: module.declarations
                .filter((declaration) => names.has(declaration.name))
                .map((declaration) => ({ ...declaration, members: declaration.members?.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#')) })),
              exports: (module.exports ?? []).filter((entry) => names.has(entry.declaration?.name)),
            };
          });
      },
    },
    {
      // The file system lists files in any order; the manifest is compared in CI, so sort it.
      name: 'punchcard-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
