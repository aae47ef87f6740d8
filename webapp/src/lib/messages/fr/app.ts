import type { Catalogue } from '../types';

const app: Catalogue = {
  'language.label': 'Langue',
};
export default app;
