import type { Catalogue } from '../types';

const components: Catalogue = {
  'vote.count': { one: '{count} Stimme', other: '{count} Stimmen' },
};
export default components;
