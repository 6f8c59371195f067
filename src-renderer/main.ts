import { mount } from 'svelte';
import App from './App.svelte';
import { connectStudio } from './lib/studio-client';
import { Router } from './lib/router.svelte';
import { StudioState } from './lib/studio-state.svelte';
import './styles.css';

const studio = new StudioState(connectStudio());
mount(App, { target: document.getElementById('app')!, props: { studio, router: new Router() } });
