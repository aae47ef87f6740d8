import type { Catalogue } from '../types';

const app: Catalogue = {
  'language.label': 'Language',
};
export default app;
