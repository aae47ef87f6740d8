import type { Catalogue } from '../types';

const app: Catalogue = {
  'language.label': 'Sprache',
};
export default app;
