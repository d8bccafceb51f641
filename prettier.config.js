// One formatting for the whole tree; `npm run format` writes it, `npm run lint` checks it.
export default {
  printWidth: 130,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
};
