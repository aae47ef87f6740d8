import { mount } from 'svelte';
import App from './App.svelte';
import { initialLocale, setLocale } from './lib/i18n.svelte';
import './app.css';

// The language's catalogue is loaded before the first render, so no English flashes before a German page.
setLocale(initialLocale()).finally(() => mount(App, { target: document.getElementById('app')! }));
