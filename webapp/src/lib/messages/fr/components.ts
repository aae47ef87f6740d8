import type { Catalogue } from '../types';

const components: Catalogue = {
  'vote.count': { one: '{count} vote', other: '{count} votes' },
};
export default components;
