import type { Catalogue } from '../types';
import app from './app';
import components from './components';

/** The fr catalogue: app.ts holds pages and shared labels, components.ts the components' own strings. */
const catalogue: Catalogue = { ...app, ...components };
export default catalogue;
