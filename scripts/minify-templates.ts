/**
 * A build plugin for the embed: minifies the text of Lit's `css` and `html` templates in our
 * sources, which JS minifiers leave alone (about half a kilobyte of the budget).
 * CSS goes through Lightning CSS. HTML only loses line breaks and indentation: a run of white
 * space with a line break becomes one space, which renders the same everywhere we write markup.
 */
import { minifyHTMLLiterals } from 'minify-literals';
import type { Plugin } from 'vite';

export function minifyTemplates(): Plugin {
  return {
    name: 'punchcard-minify-templates',
    apply: 'build',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      const result = await minifyHTMLLiterals(code, {
        fileName: id,
        htmlTags: ['html'],
        cssTags: ['css'],
        html: (text) => text.replace(/\s*\n\s*/g, ' '),
      });
      return result ? { code: result.code, map: result.map } : null;
    },
  };
}
